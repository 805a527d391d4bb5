const jwt = require('jsonwebtoken');

function requireAdmin(req, res, next) {
  const token = req.cookies.access_token;
  // ruleid: patterns.javascript.jwt-decode-without-verify
  const claims = jwt.decode(token);
  if (!claims || claims.role !== 'admin') {
    return res.status(403).end();
  }
  next();
}

function attachUser(req, res, next) {
  // ruleid: patterns.javascript.jwt-decode-without-verify
  req.user = jwt.decode(req.headers.authorization.split(' ')[1]);
  next();
}

function isOwner(token, resource) {
  // ruleid: patterns.javascript.jwt-decode-without-verify
  const payload = jwt.decode(token);
  return payload.sub === resource.ownerId;
}

function tokenExpiry(token) {
  // ok: patterns.javascript.jwt-decode-without-verify
  const decoded = jwt.decode(token, { complete: true });
  console.debug('token kid', decoded && decoded.header.kid);
  return decoded;
}

function requireAdminVerified(req, res, next) {
  // ok: patterns.javascript.jwt-decode-without-verify
  const claims = jwt.verify(req.cookies.access_token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
  if (claims.role !== 'admin') {
    return res.status(403).end();
  }
  next();
}

function readCursor(cursor) {
  // ok: patterns.javascript.jwt-decode-without-verify
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (text.length > 0) {
    return JSON.parse(text);
  }
  return null;
}

module.exports = { requireAdmin, attachUser, isOwner, tokenExpiry, requireAdminVerified, readCursor };
