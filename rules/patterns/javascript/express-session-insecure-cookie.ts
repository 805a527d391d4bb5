import express from 'express';
import session from 'express-session';

const isProduction: boolean = process.env.NODE_ENV === 'production';

export function mountSessions(app: express.Express, secret: string): void {
  app.use(
    // ruleid: patterns.javascript.express-session-insecure-cookie
    session({ secret, resave: false, saveUninitialized: false, cookie: { secure: true, httpOnly: false } }),
  );
}

export function mountDevSessions(app: express.Express, secret: string): void {
  // ruleid: patterns.javascript.express-session-insecure-cookie
  app.use(session({ secret, name: 'sid', resave: false, saveUninitialized: true }));
}

export function mountSecureSessions(app: express.Express, secret: string): void {
  app.set('trust proxy', 1);
  // ok: patterns.javascript.express-session-insecure-cookie
  app.use(session({ secret, resave: false, saveUninitialized: false, cookie: { secure: isProduction, sameSite: 'strict' } }));
}

export function readSession(req: express.Request): string | undefined {
  // ok: patterns.javascript.express-session-insecure-cookie
  return req.session.id;
}
