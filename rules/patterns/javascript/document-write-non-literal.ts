export function printReceipt(win: Window, lines: string[]): void {
  // ruleid: patterns.javascript.document-write-non-literal
  win.document.write(`<pre>${lines.join('\n')}</pre>`);
  win.document.close();
}

export function printTitle(title: string): void {
  // ruleid: patterns.javascript.document-write-non-literal
  document.write('<title>' + title + '</title>');
}

export function printStatic(win: Window): void {
  // ok: patterns.javascript.document-write-non-literal
  win.document.write('<!doctype html><html><body></body></html>');
  // ok: patterns.javascript.document-write-non-literal
  win.document.body.textContent = 'Printing...';
}

export function writeStream(stream: NodeJS.WritableStream, document: string): void {
  // ok: patterns.javascript.document-write-non-literal
  stream.write(document);
}
