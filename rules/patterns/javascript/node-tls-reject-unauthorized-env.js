const { spawn } = require('child_process');
const fetch = require('node-fetch');

if (process.env.ALLOW_SELF_SIGNED) {
  // ruleid: patterns.javascript.node-tls-reject-unauthorized-env
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
}

async function scrape(url) {
  // ruleid: patterns.javascript.node-tls-reject-unauthorized-env
  process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0;
  const res = await fetch(url);
  return res.text();
}

function runWorker(script) {
  return spawn(process.execPath, [script], {
    // ruleid: patterns.javascript.node-tls-reject-unauthorized-env
    env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' },
    stdio: 'inherit',
  });
}

// ok: patterns.javascript.node-tls-reject-unauthorized-env
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';

function checkConfig() {
  // ok: patterns.javascript.node-tls-reject-unauthorized-env
  if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    console.warn('TLS certificate verification is disabled by the environment');
  }
  // ok: patterns.javascript.node-tls-reject-unauthorized-env
  delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
}

module.exports = { scrape, runWorker, checkConfig };
