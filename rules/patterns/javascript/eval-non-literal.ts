import { Request, Response } from 'express';

export function evaluate(req: Request, res: Response): void {
  const formula: string = String(req.query.formula);
  // ruleid: patterns.javascript.eval-non-literal
  const value = eval(formula) as number;
  res.json({ value });
}

export function template(name: string): unknown {
  // ruleid: patterns.javascript.eval-non-literal
  return globalThis.eval(`render_${name}()`);
}

export function safe(req: Request): unknown {
  // ok: patterns.javascript.eval-non-literal
  const parsed: Record<string, unknown> = JSON.parse(String(req.body));
  // ok: patterns.javascript.eval-non-literal
  const strict = eval("(function () { return !this; })()");
  return { parsed, strict };
}
