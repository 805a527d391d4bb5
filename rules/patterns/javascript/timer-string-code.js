function pollStatus(jobId, callbackName) {
  // ruleid: patterns.javascript.timer-string-code
  setTimeout(callbackName + '(' + jobId + ')', 1000);
}

function startTicker(widget) {
  // ruleid: patterns.javascript.timer-string-code
  return window.setInterval(`refresh("${widget.id}")`, widget.interval);
}

function scheduleFromHash() {
  const action = location.hash.slice(1);
  // ruleid: patterns.javascript.timer-string-code
  setTimeout('run_' + action + '()', 0);
}

function retry(fn, attempt) {
  // ok: patterns.javascript.timer-string-code
  setTimeout(() => fn(attempt + 1), 2 ** attempt * 100);
}

function startPolling(poll, intervalMs) {
  // ok: patterns.javascript.timer-string-code
  const handle = setInterval(poll, intervalMs);
  // ok: patterns.javascript.timer-string-code
  setTimeout(clearInterval, intervalMs * 10, handle);
  return handle;
}

module.exports = { pollStatus, startTicker, scheduleFromHash, retry, startPolling };
