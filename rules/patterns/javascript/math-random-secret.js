const crypto = require('crypto');

function generateResetToken() {
  // ruleid: patterns.javascript.math-random-secret
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

function createUser(db, email) {
  // ruleid: patterns.javascript.math-random-secret
  const tempPassword = Math.random().toString(36).substring(2, 10);
  return db.users.insert({ email, tempPassword });
}

function randomPassword(length) {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < length; i++) {
    // ruleid: patterns.javascript.math-random-secret
    out += chars[Math.floor(Math.random() * chars.length)];
  }
  return out;
}

function startSession(req) {
  // ruleid: patterns.javascript.math-random-secret
  req.session.csrfToken = String(Math.random()).slice(2);
}

function secureToken() {
  // ok: patterns.javascript.math-random-secret
  return crypto.randomBytes(32).toString('hex');
}

function backoff(attempt) {
  // ok: patterns.javascript.math-random-secret
  const jitter = Math.random() * 100;
  return 2 ** attempt * 100 + jitter;
}

function pickToken(tokens) {
  // ok: patterns.javascript.math-random-secret
  const tokenIndex = Math.floor(Math.random() * tokens.length);
  return tokens[tokenIndex];
}

function newSession() {
  // ok: patterns.javascript.math-random-secret
  return { sessionId: crypto.randomUUID(), sampled: Math.random() < 0.1 };
}

module.exports = { generateResetToken, createUser, randomPassword, startSession, secureToken, backoff, pickToken, newSession };
