import jwt, { JwtPayload, VerifyOptions } from 'jsonwebtoken';
import { createVerify } from 'node:crypto';
import { verify } from 'jsonwebtoken';

interface Claims extends JwtPayload {
  role: 'admin' | 'user';
}

export function readClaims(token: string, secret: string): Claims {
  // ruleid: patterns.javascript.jwt-verify-missing-algorithms
  return jwt.verify(token, secret) as Claims;
}

export function readClaimsWithAudience(token: string, key: Buffer): Claims {
  // ruleid: patterns.javascript.jwt-verify-missing-algorithms
  return jwt.verify(token, key, { audience: 'api', complete: false }) as Claims;
}

export function readSubject(token: string, secret: string): string | undefined {
  // ruleid: patterns.javascript.jwt-verify-missing-algorithms
  const payload = verify(token, secret) as JwtPayload;
  return payload.sub;
}

const verifyOptions: VerifyOptions = { algorithms: ['ES256'], audience: 'api' };

export function readClaimsStrict(token: string, key: Buffer): Claims {
  // ok: patterns.javascript.jwt-verify-missing-algorithms
  return jwt.verify(token, key, verifyOptions) as Claims;
}

export function checkSignature(data: string, signature: string, key: string): boolean {
  // ok: patterns.javascript.jwt-verify-missing-algorithms
  return createVerify('sha256').update(data).verify(key, signature, 'base64');
}
