function writeGreeting() {
  const name = new URLSearchParams(window.location.search).get('name');
  // ruleid: patterns.javascript.document-write-non-literal
  document.write('<h1>Welcome, ' + name + '</h1>');
}

function writeTracker(campaign) {
  // ruleid: patterns.javascript.document-write-non-literal
  document.writeln(`<img src="https://stats.example.com/p.gif?c=${campaign}">`);
}

function writeFragment(html) {
  // ruleid: patterns.javascript.document-write-non-literal
  window.document.write(html);
}

function writeStatic() {
  // ok: patterns.javascript.document-write-non-literal
  document.write('<noscript>JavaScript is required.</noscript>');
  // ok: patterns.javascript.document-write-non-literal
  document.writeln(DOMPurify.sanitize(localStorage.getItem('banner')));
}

function writeText(name) {
  const h1 = document.createElement('h1');
  // ok: patterns.javascript.document-write-non-literal
  h1.textContent = `Welcome, ${name}`;
  document.body.append(h1);
}
