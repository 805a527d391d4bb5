import * as jwt from 'jsonwebtoken';
import type { Request, Response, NextFunction } from 'express';

interface Claims extends jwt.JwtPayload {
  scope?: string;
}

export function requireScope(scope: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const raw = req.header('authorization')?.slice(7) ?? '';
    // ruleid: patterns.javascript.jwt-decode-without-verify
    const claims = jwt.decode(raw) as Claims | null;
    if (!claims?.scope?.split(' ').includes(scope)) {
      res.status(403).end();
      return;
    }
    next();
  };
}

export function attachClaims(req: Request & { claims?: Claims }, _res: Response, next: NextFunction): void {
  const raw = req.header('authorization')?.slice(7) ?? '';
  // ruleid: patterns.javascript.jwt-decode-without-verify
  req.claims = jwt.decode(raw) as Claims;
  next();
}

export function logKeyId(token: string): void {
  // ok: patterns.javascript.jwt-decode-without-verify
  const header = jwt.decode(token, { complete: true })?.header;
  console.info('jwt kid', header?.kid);
}

export function msUntilExpiry(token: string): number {
  // ok: patterns.javascript.jwt-decode-without-verify
  const claims = jwt.decode(token) as jwt.JwtPayload | null;
  if (!claims || claims.exp === undefined) {
    return 0;
  }
  return claims.exp * 1000 - Date.now();
}

export function decodeHtml(text: string): string {
  // ok: patterns.javascript.jwt-decode-without-verify
  return decodeURIComponent(text);
}
