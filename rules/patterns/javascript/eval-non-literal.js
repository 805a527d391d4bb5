const express = require('express');
const redis = require('redis');

const app = express();
const client = redis.createClient();

app.post('/calc', (req, res) => {
  const expr = req.body.expression;
  // ruleid: patterns.javascript.eval-non-literal
  const result = eval(expr);
  res.json({ result });
});

app.get('/config', (req, res) => {
  // ruleid: patterns.javascript.eval-non-literal
  const cfg = eval('(' + req.query.cfg + ')');
  res.json(cfg);
});

function runPlugin(source) {
  // ruleid: patterns.javascript.eval-non-literal
  return window.eval(`(function(){ ${source} })()`);
}

function indirect(code) {
  // ruleid: patterns.javascript.eval-non-literal
  return (0, eval)(code);
}

app.get('/settings', (req, res) => {
  // ok: patterns.javascript.eval-non-literal
  const cfg = JSON.parse(req.query.cfg);
  // ok: patterns.javascript.eval-non-literal
  const hasBigInt = eval('typeof BigInt !== "undefined"');
  res.json({ cfg, hasBigInt });
});

async function rateLimit(key) {
  const script = "return redis.call('INCR', KEYS[1])";
  // ok: patterns.javascript.eval-non-literal
  return client.eval(script, 1, key);
}

module.exports = { runPlugin, indirect, rateLimit };
