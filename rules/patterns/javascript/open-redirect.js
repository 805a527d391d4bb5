const express = require('express');
const app = express();

app.get('/login/callback', (req, res) => {
  // ruleid: patterns.javascript.open-redirect
  res.redirect(req.query.returnTo);
});

app.post('/logout', (req, res) => {
  const next = req.body.next || '/';
  req.session.destroy(() => {
    // ruleid: patterns.javascript.open-redirect
    res.redirect(302, next);
  });
});

app.get('/go/:target', (req, res) => {
  // ruleid: patterns.javascript.open-redirect
  res.redirect(`https://${req.params.target}`);
});

app.get('/back', (req, res) => {
  if (req.query.next) {
    // ruleid: patterns.javascript.open-redirect
    return res.redirect(req.query.next);
  }
  return res.redirect('/');
});

app.get('/users/:id', (req, res) => {
  // ok: patterns.javascript.open-redirect
  res.redirect('/profiles/' + encodeURIComponent(req.params.id));
});

app.get('/docs', (req, res) => {
  // ok: patterns.javascript.open-redirect
  res.redirect(`https://docs.example.com/search?q=${encodeURIComponent(req.query.q)}`);
});

function isSafeRedirect(url) {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');
}

app.get('/continue', (req, res) => {
  const target = req.query.next;
  if (isSafeRedirect(target)) {
    // ok: patterns.javascript.open-redirect
    return res.redirect(target);
  }
  // ok: patterns.javascript.open-redirect
  return res.redirect('/');
});

module.exports = app;
