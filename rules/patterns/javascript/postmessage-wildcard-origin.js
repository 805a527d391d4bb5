const PARENT_ORIGIN = 'https://app.example.com';

function sendAuthResult(token) {
  // ruleid: patterns.javascript.postmessage-wildcard-origin
  window.opener.postMessage({ type: 'oauth-complete', token }, '*');
  window.close();
}

function reportHeight() {
  // ruleid: patterns.javascript.postmessage-wildcard-origin
  parent.postMessage({ type: 'resize', height: document.body.scrollHeight }, '*');
}

function sendToFrame(frame, payload) {
  // ruleid: patterns.javascript.postmessage-wildcard-origin
  frame.contentWindow.postMessage(payload, { targetOrigin: '*', transfer: [] });
}

function sendAuthResultSafe(token) {
  // ok: patterns.javascript.postmessage-wildcard-origin
  window.opener.postMessage({ type: 'oauth-complete', token }, PARENT_ORIGIN);
}

function offload(worker, buffer) {
  // ok: patterns.javascript.postmessage-wildcard-origin
  worker.postMessage({ cmd: 'hash', buffer }, [buffer]);
}

function notifyPort(port) {
  // ok: patterns.javascript.postmessage-wildcard-origin
  port.postMessage('ready');
}
