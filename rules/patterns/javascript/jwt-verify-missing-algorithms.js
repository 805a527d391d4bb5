const jwt = require('jsonwebtoken');
const fs = require('fs');

const publicKey = fs.readFileSync('/etc/keys/jwt.pub');

function authenticate(req, res, next) {
  const token = (req.headers.authorization || '').replace(/^Bearer /, '');
  try {
    // ruleid: patterns.javascript.jwt-verify-missing-algorithms
    req.user = jwt.verify(token, process.env.JWT_SECRET);
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid token' });
  }
}

function verifyRefresh(token, cb) {
  // ruleid: patterns.javascript.jwt-verify-missing-algorithms
  jwt.verify(token, publicKey, { issuer: 'auth.example.com', maxAge: '7d' }, cb);
}

function verifyAsync(token) {
  return new Promise((resolve, reject) => {
    // ruleid: patterns.javascript.jwt-verify-missing-algorithms
    jwt.verify(token, publicKey, (err, payload) => (err ? reject(err) : resolve(payload)));
  });
}

function authenticateStrict(req) {
  const token = (req.headers.authorization || '').replace(/^Bearer /, '');
  // ok: patterns.javascript.jwt-verify-missing-algorithms
  return jwt.verify(token, publicKey, { algorithms: ['RS256'], issuer: 'auth.example.com' });
}

function verifyStrictCb(token, cb) {
  // ok: patterns.javascript.jwt-verify-missing-algorithms
  jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] }, cb);
}

function issue(user) {
  // ok: patterns.javascript.jwt-verify-missing-algorithms
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { algorithm: 'HS256', expiresIn: '15m' });
}

module.exports = { authenticate, verifyRefresh, verifyAsync, authenticateStrict, verifyStrictCb, issue };
