const https = require('https');
const tls = require('tls');
const fs = require('fs');
const { Pool } = require('pg');
const axios = require('axios');

function fetchStatus(host, cb) {
  const req = https.request(
    // ruleid: patterns.javascript.tls-reject-unauthorized-false
    { host, path: '/status', method: 'GET', rejectUnauthorized: false },
    (res) => cb(null, res.statusCode),
  );
  req.end();
}

// ruleid: patterns.javascript.tls-reject-unauthorized-false
const insecureAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
const api = axios.create({ baseURL: 'https://internal.example.com', httpsAgent: insecureAgent });

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // ruleid: patterns.javascript.tls-reject-unauthorized-false
  ssl: { rejectUnauthorized: false },
});

function connectLegacy(port, host) {
  const options = { host, port };
  // ruleid: patterns.javascript.tls-reject-unauthorized-false
  options.rejectUnauthorized = false;
  return tls.connect(options);
}

// ok: patterns.javascript.tls-reject-unauthorized-false
const pinnedAgent = new https.Agent({ ca: fs.readFileSync('/etc/ssl/internal-ca.pem'), rejectUnauthorized: true });

const securePool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // ok: patterns.javascript.tls-reject-unauthorized-false
  ssl: { ca: fs.readFileSync('/etc/ssl/rds-ca.pem').toString() },
});

function connect(port, host, ca) {
  // ok: patterns.javascript.tls-reject-unauthorized-false
  return tls.connect({ host, port, ca, servername: host });
}

module.exports = { fetchStatus, api, pool, connectLegacy, pinnedAgent, securePool, connect };
