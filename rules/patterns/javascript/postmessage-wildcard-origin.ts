interface EmbedEvent {
  type: 'ready' | 'selected';
  id?: string;
}

export function announceReady(): void {
  const event: EmbedEvent = { type: 'ready' };
  // ruleid: patterns.javascript.postmessage-wildcard-origin
  window.parent.postMessage(event, "*");
}

export function announceSelection(id: string, target: Window): void {
  // ruleid: patterns.javascript.postmessage-wildcard-origin
  target.postMessage({ type: 'selected', id } as EmbedEvent, '*');
}

export function announceSelectionSafe(id: string, target: Window, origin: string): void {
  // ok: patterns.javascript.postmessage-wildcard-origin
  target.postMessage({ type: 'selected', id } as EmbedEvent, origin);
}

export function replyFromWorker(result: ArrayBuffer): void {
  // ok: patterns.javascript.postmessage-wildcard-origin
  (self as unknown as Worker).postMessage(result, [result]);
}
