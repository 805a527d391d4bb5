const { exec, execSync, execFile, spawn } = require('child_process');
const path = require('path');
const express = require('express');

const app = express();

app.get('/ping', (req, res) => {
  // ruleid: patterns.javascript.child-process-exec-injection
  exec(`ping -c 1 ${req.query.host}`, (err, stdout) => {
    res.send(stdout);
  });
});

app.post('/convert', (req, res) => {
  const out = path.join('/tmp', req.body.name + '.pdf');
  // ruleid: patterns.javascript.child-process-exec-injection
  execSync('libreoffice --headless --convert-to pdf ' + req.body.file + ' --outdir ' + out);
  res.sendFile(out);
});

function gitLog(branch) {
  const cmd = `git log --oneline ${branch}`;
  // ruleid: patterns.javascript.child-process-exec-injection
  return execSync(cmd, { encoding: 'utf8' });
}

app.get('/ping2', (req, res) => {
  // ok: patterns.javascript.child-process-exec-injection
  execFile('ping', ['-c', '1', req.query.host], (err, stdout) => res.send(stdout));
});

function listRepo() {
  // ok: patterns.javascript.child-process-exec-injection
  return execSync('git status --porcelain', { encoding: 'utf8' });
}

function grep(pattern, file) {
  // ok: patterns.javascript.child-process-exec-injection
  const child = spawn('grep', ['-n', '--', pattern, file]);
  return child;
}

function parseVersion(text) {
  // ok: patterns.javascript.child-process-exec-injection
  const m = /v(\d+)\.(\d+)/.exec(`version ${text}`);
  return m && m[1];
}

module.exports = { app, gitLog, listRepo, grep, parseVersion };
