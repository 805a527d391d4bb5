import DOMPurify from 'dompurify';

function renderComment(container, comment) {
  const item = document.createElement('li');
  // ruleid: patterns.javascript.inner-html-non-literal
  item.innerHTML = `<b>${comment.author}</b>: ${comment.body}`;
  container.appendChild(item);
}

function showSearch() {
  const q = new URLSearchParams(location.search).get('q');
  // ruleid: patterns.javascript.inner-html-non-literal
  document.getElementById('results-title').innerHTML = 'Results for ' + q;
}

function appendRow(table, row) {
  // ruleid: patterns.javascript.inner-html-non-literal
  table.insertAdjacentHTML('beforeend', '<tr><td>' + row.name + '</td></tr>');
}

function replaceBanner(banner, html) {
  // ruleid: patterns.javascript.inner-html-non-literal
  banner.outerHTML = html;
}

function renderSafe(container, comment) {
  const item = document.createElement('li');
  // ok: patterns.javascript.inner-html-non-literal
  item.textContent = `${comment.author}: ${comment.body}`;
  // ok: patterns.javascript.inner-html-non-literal
  container.innerHTML = '';
  // ok: patterns.javascript.inner-html-non-literal
  container.innerHTML = DOMPurify.sanitize(comment.html);
  // ok: patterns.javascript.inner-html-non-literal
  container.insertAdjacentHTML('afterbegin', '<hr class="divider">');
  container.appendChild(item);
}

export { renderComment, showSearch, appendRow, replaceBanner, renderSafe };
