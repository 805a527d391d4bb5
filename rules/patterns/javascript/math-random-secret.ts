import { randomBytes, randomUUID } from 'node:crypto';

export class InviteService {
  generateInviteCode(): string {
    // ruleid: patterns.javascript.math-random-secret
    return Math.floor(100000 + Math.random() * 900000).toString();
  }

  issueApiKey(userId: string): { userId: string; apiKey: string } {
    // ruleid: patterns.javascript.math-random-secret
    return { userId, apiKey: 'sk_' + Math.random().toString(36).slice(2) };
  }

  secureInviteCode(): string {
    // ok: patterns.javascript.math-random-secret
    return randomBytes(16).toString('base64url');
  }

  requestId(): string {
    // ok: patterns.javascript.math-random-secret
    return randomUUID();
  }
}

export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    // ok: patterns.javascript.math-random-secret
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
