const jwt = require('jsonwebtoken');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');

function decodeSession(token, key) {
  // ruleid: patterns.javascript.jwt-none-algorithm
  return jwt.verify(token, key, { algorithms: ['RS256', 'none'] });
}

const strategy = new JwtStrategy(
  // ruleid: patterns.javascript.jwt-none-algorithm
  { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET, algorithms: ['none'] },
  (payload, done) => done(null, payload),
);

function issueDebugToken(user) {
  // ruleid: patterns.javascript.jwt-none-algorithm
  return jwt.sign({ sub: user.id }, '', { algorithm: 'none' });
}

function decodeStrict(token, key) {
  // ok: patterns.javascript.jwt-none-algorithm
  return jwt.verify(token, key, { algorithms: ['RS256'] });
}

function issue(user) {
  // ok: patterns.javascript.jwt-none-algorithm
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
}

const cacheConfig = {
  // ok: patterns.javascript.jwt-none-algorithm
  compression: 'none',
};

module.exports = { decodeSession, strategy, issueDebugToken, decodeStrict, issue, cacheConfig };
