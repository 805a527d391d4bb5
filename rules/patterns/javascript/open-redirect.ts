import type { Request, Response } from 'express';
import type { Context } from 'koa';

const DESTINATIONS: Record<string, string> = { billing: '/billing', home: '/' };

export function afterLogin(req: Request, res: Response): void {
  const redirectUrl = req.query.redirect_uri as string;
  // ruleid: patterns.javascript.open-redirect
  res.redirect(redirectUrl);
}

export async function koaReturn(ctx: Context): Promise<void> {
  // ruleid: patterns.javascript.open-redirect
  ctx.redirect(ctx.request.query.url as string);
}

export function afterLoginSafe(req: Request, res: Response): void {
  const dest = DESTINATIONS[String(req.query.dest)] ?? '/';
  // ok: patterns.javascript.open-redirect
  res.redirect(getAllowedDestination(dest));
}

export function home(_req: Request, res: Response): void {
  // ok: patterns.javascript.open-redirect
  res.redirect(301, '/dashboard');
}

function getAllowedDestination(dest: string): string {
  return Object.values(DESTINATIONS).includes(dest) ? dest : '/';
}
