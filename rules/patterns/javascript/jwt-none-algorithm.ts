import jwt, { Algorithm, VerifyOptions } from 'jsonwebtoken';

// ruleid: patterns.javascript.jwt-none-algorithm
const legacyOptions: VerifyOptions = { algorithms: ['HS256', 'none'], ignoreExpiration: false };

export function verifyLegacy(token: string, secret: string): unknown {
  return jwt.verify(token, secret, legacyOptions);
}

export function signUnsigned(claims: object): string {
  // ruleid: patterns.javascript.jwt-none-algorithm
  return jwt.sign(claims, '', { algorithm: 'none' as Algorithm });
}

// ok: patterns.javascript.jwt-none-algorithm
const strictOptions: VerifyOptions = { algorithms: ['ES256'], audience: 'api' };

export function verifyStrict(token: string, key: Buffer): unknown {
  // ok: patterns.javascript.jwt-none-algorithm
  return jwt.verify(token, key, strictOptions);
}
