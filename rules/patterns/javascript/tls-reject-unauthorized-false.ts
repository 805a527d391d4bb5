import https from 'node:https';
import type { RequestOptions } from 'node:https';

export function insecureOptions(host: string): RequestOptions {
  // ruleid: patterns.javascript.tls-reject-unauthorized-false
  const opts: RequestOptions = { host, port: 443, rejectUnauthorized: false };
  return opts;
}

export const mailTransport = {
  host: 'smtp.example.com',
  port: 587,
  // ruleid: patterns.javascript.tls-reject-unauthorized-false
  tls: { rejectUnauthorized: false } as const,
};

export function secureAgent(ca: Buffer): https.Agent {
  // ok: patterns.javascript.tls-reject-unauthorized-false
  return new https.Agent({ ca, rejectUnauthorized: true, minVersion: 'TLSv1.2' });
}

export function devAgent(isDev: boolean): https.Agent {
  // ok: patterns.javascript.tls-reject-unauthorized-false
  return new https.Agent({ rejectUnauthorized: !isDev });
}
