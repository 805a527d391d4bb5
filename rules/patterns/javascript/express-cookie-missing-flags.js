const express = require('express');
const jwt = require('jsonwebtoken');

const app = express();
const isProd = process.env.NODE_ENV === 'production';

app.post('/login', async (req, res) => {
  const user = await authenticate(req.body.email, req.body.password);
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { algorithm: 'HS256' });
  // ruleid: patterns.javascript.express-cookie-missing-flags
  res.cookie('access_token', token);
  res.redirect('/');
});

app.post('/login/remember', async (req, res) => {
  const sessionId = await createSession(req.body.email);
  // ruleid: patterns.javascript.express-cookie-missing-flags
  res.cookie('sid', sessionId, { maxAge: 30 * 24 * 3600 * 1000, sameSite: 'lax' });
  res.redirect('/');
});

app.get('/preview', (req, res) => {
  // ruleid: patterns.javascript.express-cookie-missing-flags
  res.cookie('preview', req.query.mode, { httpOnly: false, secure: true });
  res.send('ok');
});

app.post('/login/secure', async (req, res) => {
  const sessionId = await createSession(req.body.email);
  // ok: patterns.javascript.express-cookie-missing-flags
  res.cookie('sid', sessionId, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 3600 * 1000 });
  // ok: patterns.javascript.express-cookie-missing-flags
  res.cookie('refresh_token', sessionId, { httpOnly: true, secure: isProd, path: '/auth/refresh' });
  res.redirect('/');
});

app.get('/csrf', (req, res) => {
  // ok: patterns.javascript.express-cookie-missing-flags
  res.cookie('XSRF-TOKEN', req.csrfToken(), { httpOnly: false, secure: true, sameSite: 'strict' });
  res.sendStatus(204);
});

app.get('/settings/theme', (req, res) => {
  // ok: patterns.javascript.express-cookie-missing-flags
  res.cookie('theme', req.query.theme === 'dark' ? 'dark' : 'light', { maxAge: 365 * 24 * 3600 * 1000 });
  res.send('ok');
});

async function authenticate(email) { return { id: email }; }
async function createSession(email) { return `s-${email}`; }

module.exports = app;
