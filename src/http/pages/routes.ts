// Minimal server-rendered pages for first run, sign-in, invites and account security, so the flows of the
// foundation work in a browser before the React dashboard lands. Scripts are external (CSP: script-src 'self').
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';

const script = readFileSync(new URL('./pages.js', import.meta.url), 'utf8');
const css = readFileSync(new URL('./pages.css', import.meta.url), 'utf8');

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Parapet</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/pages.css"></head>
<body><header><span class="brand">Parapet</span></header><main>${body}</main><script type="module" src="/assets/pages.js"></script></body></html>`;
}

const field = (id: string, label: string, type = 'text', extra = '') =>
  `<label for="${id}">${label}</label><input id="${id}" name="${id}" type="${type}" ${extra} required>`;

const PAGES: Record<string, [string, string]> = {
  '/setup': [
    'Set up Parapet',
    `<h1>Set up Parapet</h1><p>Create your organisation and its first administrator.</p>
<form id="setup-form">${field('organisationName', 'Organisation name')}${field('name', 'Your name', 'text', 'autocomplete="name"')}
${field('email', 'Your e-mail', 'email', 'autocomplete="email"')}${field('password', 'Password (12 characters or more)', 'password', 'autocomplete="new-password" minlength="12"')}
<button type="submit">Create organisation</button></form><p id="message" role="status"></p>`,
  ],
  '/sign-in': [
    'Sign in',
    `<h1>Sign in</h1><form id="sign-in-form">${field('email', 'E-mail', 'email', 'autocomplete="username"')}
${field('password', 'Password', 'password', 'autocomplete="current-password"')}<button type="submit">Sign in</button></form>
<form id="mfa-form" hidden><p>Two-factor sign-in is on for your account. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes.</p>
${field('code', 'Code', 'text', 'autocomplete="one-time-code" autocapitalize="off" spellcheck="false"')}<button type="submit">Continue</button> <a href="/sign-in">Start again</a></form>
<p id="message" role="status"></p>
<details id="sso"><summary>Sign in with your organisation’s single sign-on</summary><form id="sso-form">${field('org', 'Organisation (short name)')}<button type="submit">Continue with single sign-on</button></form></details>`,
  ],
  '/invite': [
    'Accept invitation',
    `<h1>Welcome to Parapet</h1><p>Choose a password to finish setting up your account.</p>
<form id="invite-form">${field('password', 'Password (12 characters or more)', 'password', 'autocomplete="new-password" minlength="12"')}
<button type="submit">Set password</button></form><p id="message" role="status"></p>`,
  ],
  '/': [
    'Your account',
    `<h1>Your account</h1><section id="account" aria-label="Account details"><p>Loading…</p></section>
<section id="mfa" aria-labelledby="mfa-title"><h2 id="mfa-title">Two-factor sign-in</h2><p id="mfa-state"></p><button id="mfa-enrol" type="button" hidden>Set up two-factor sign-in</button>
<form id="mfa-activate" hidden><p>1. Add this secret to your authenticator app, or <a id="mfa-uri" href="#">open it in the app</a>:</p><code id="mfa-secret" class="secret"></code>
<p>2. Enter the code the app shows to turn two-factor sign-in on.</p>${field('activate-code', 'Code shown by the app', 'text', 'autocomplete="one-time-code" inputmode="numeric"')}
<button type="submit">Turn on</button></form><div id="recovery" hidden><p><strong>Recovery codes.</strong> Store them somewhere safe: each one works once, if you lose your authenticator app.</p><pre id="recovery-codes"></pre></div></section>
<p id="message" role="status"></p>
<p class="note"><a href="/app">Open the dashboard</a> · <a href="/api/docs">API reference</a></p><button id="sign-out" type="button" class="secondary">Sign out</button>`,
  ],
};

export async function pageRoutes(app: FastifyInstance, _ctx: AppContext): Promise<void> {
  const hidden = { hide: true } as Record<string, unknown>;
  for (const [url, [title, body]] of Object.entries(PAGES)) {
    const html = page(title, body);
    app.get(url, { config: { public: true }, schema: hidden }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(html),
    );
  }
  app.get('/assets/pages.js', { config: { public: true }, schema: hidden }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(script),
  );
  app.get('/assets/pages.css', { config: { public: true }, schema: hidden }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').send(css),
  );
}
