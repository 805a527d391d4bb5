const express = require('express');
const app = express();

app.post('/rules/test', (req, res) => {
  const { condition } = req.body;
  // ruleid: patterns.javascript.new-function-non-literal
  const predicate = new Function('order', `return (${condition});`);
  res.json({ matches: predicate(req.body.order) });
});

function compileTemplate(tpl) {
  const body = 'with (data) { return `' + tpl + '`; }';
  // ruleid: patterns.javascript.new-function-non-literal
  return Function('data', body);
}

function makeGetter(path) {
  // ruleid: patterns.javascript.new-function-non-literal
  return new Function('obj', 'return obj.' + path);
}

// ok: patterns.javascript.new-function-non-literal
const getGlobal = new Function('return this');
// ok: patterns.javascript.new-function-non-literal
const add = new Function('a', 'b', 'return a + b');

const operations = { sum: (a, b) => a + b, max: Math.max };
function apply(op, a, b) {
  // ok: patterns.javascript.new-function-non-literal
  const fn = operations[op];
  return fn ? fn(a, b) : undefined;
}

module.exports = { compileTemplate, makeGetter, getGlobal, add, apply, app };
