const express = require('express');
const session = require('express-session');
const RedisStore = require('connect-redis').default;

const app = express();
const store = new RedisStore({ client: require('./redis') });

app.use(
  // ruleid: patterns.javascript.express-session-insecure-cookie
  session({
    store,
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
  }),
);

const adminApp = express();
adminApp.use(
  // ruleid: patterns.javascript.express-session-insecure-cookie
  session({
    secret: process.env.ADMIN_SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: false, maxAge: 8 * 3600 * 1000 },
  }),
);

const apiApp = express();
// ruleid: patterns.javascript.express-session-insecure-cookie
apiApp.use(session({ secret: process.env.API_SESSION_SECRET, cookie: { maxAge: 600000, sameSite: 'lax' } }));

const secureApp = express();
secureApp.set('trust proxy', 1);
secureApp.use(
  // ok: patterns.javascript.express-session-insecure-cookie
  session({
    store,
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'lax', maxAge: 3600 * 1000 },
  }),
);

const sess = { secret: process.env.SESSION_SECRET, cookie: {} };
if (app.get('env') === 'production') {
  sess.cookie.secure = true;
}
// ok: patterns.javascript.express-session-insecure-cookie
app.use(session(sess));

// ok: patterns.javascript.express-session-insecure-cookie
adminApp.use(session({ secret: process.env.ADMIN_SESSION_SECRET, cookie: { secure: 'auto' } }));

module.exports = { app, adminApp, apiApp, secureApp };
