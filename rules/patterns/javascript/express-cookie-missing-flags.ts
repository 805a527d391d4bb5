import type { Request, Response, CookieOptions } from 'express';

const baseCookie: CookieOptions = { httpOnly: true, secure: true, sameSite: 'lax' };

export function setAuthCookie(res: Response, jwtToken: string): void {
  // ruleid: patterns.javascript.express-cookie-missing-flags
  res.cookie('auth', jwtToken, { httpOnly: true, sameSite: 'lax' });
}

export function setSessionCookieDev(res: Response, sessionToken: string): void {
  // ruleid: patterns.javascript.express-cookie-missing-flags
  res.cookie('session', sessionToken, { httpOnly: true, secure: false });
}

export function setAuthCookieSafe(res: Response, jwtToken: string): void {
  // ok: patterns.javascript.express-cookie-missing-flags
  res.cookie('auth', jwtToken, { ...baseCookie, maxAge: 15 * 60 * 1000 });
  // ok: patterns.javascript.express-cookie-missing-flags
  res.cookie('auth_hint', '1', { httpOnly: true, secure: true });
}

export function setLocale(req: Request, res: Response): void {
  // ok: patterns.javascript.express-cookie-missing-flags
  res.cookie('locale', String(req.query.lang ?? 'en'));
}
