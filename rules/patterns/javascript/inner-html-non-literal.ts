import DOMPurify from 'dompurify';

export function renderNotice(el: HTMLElement, message: string): void {
  // ruleid: patterns.javascript.inner-html-non-literal
  el.innerHTML = `<div class="notice">${message}</div>`;
}

export function appendLog(el: HTMLElement, line: string): void {
  // ruleid: patterns.javascript.inner-html-non-literal
  el.innerHTML += '<p>' + line + '</p>';
}

export function renderTrusted(el: HTMLElement, markdownHtml: string): void {
  // ok: patterns.javascript.inner-html-non-literal
  el.innerHTML = DOMPurify.sanitize(markdownHtml, { USE_PROFILES: { html: true } });
}

export function renderText(el: HTMLElement, message: string): void {
  // ok: patterns.javascript.inner-html-non-literal
  el.textContent = message;
  // ok: patterns.javascript.inner-html-non-literal
  el.innerHTML = '<span class="spinner"></span>';
}
