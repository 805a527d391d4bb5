export function schedule(handlerSource: string, delayMs: number): void {
  // ruleid: patterns.javascript.timer-string-code
  setTimeout(handlerSource, delayMs);
}

export function scheduleNamed(name: string, delayMs: number): number {
  // ruleid: patterns.javascript.timer-string-code
  return window.setTimeout(`${name}()`, delayMs);
}

export function scheduleFn(handler: () => void, delayMs: number): ReturnType<typeof setTimeout> {
  // ok: patterns.javascript.timer-string-code
  return setTimeout(handler, delayMs);
}

export function heartbeat(send: (msg: string) => void, payload: string): void {
  // ok: patterns.javascript.timer-string-code
  setInterval(() => send(payload), 30_000);
}
