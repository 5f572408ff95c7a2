// Malformed, mistyped, oversized and hostile input: always a 4xx JSON error with a code, never a stack
// trace or an internal path, and the process keeps answering.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createOrg, type Org, type Session, signIn, startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { bodySchemaOf, fillParams, listRoutes } from './helpers/routes.js';

const BODY_LIMIT = 4096;
const LEAKS = [
  /\bat [\w.<>]+ \(/,
  /node_modules/,
  /\/work\//,
  /\.ts:\d+/,
  /\bstack\b/i,
  /SqliteError|error: .*relation|syntax error at/i,
];

// Wrong-shaped JSON bodies, sent raw as application/json.
const GARBAGE = [
  'null',
  '[]',
  '[{"name":"x"}]',
  '"just a string"',
  '42',
  'true',
  '{"a":{"b":{"c":[1,{"d":null}]}}}',
  '{"name":{"$gt":""},"email":["x"],"password":{"toString":1}}',
  '{"__proto__":{"isAdmin":true}}',
  `${'['.repeat(500)}${']'.repeat(500)}`,
];

for (const kind of testDbKinds) {
  describe(`bad input (${kind})`, () => {
    let t: TestApp;
    let org: Org;
    let admin: Session;
    const seen: LightMyRequestResponse[] = [];

    /** Sends a raw request as the admin (cookie + CSRF) and remembers the response for the leak check. */
    const raw = async (
      method: string,
      url: string,
      payload?: string,
      contentType = 'application/json',
      auth = true,
    ) => {
      const res = await t.app.inject({
        method: method as 'POST',
        url,
        headers: {
          ...(auth ? { cookie: admin.cookie, 'x-csrf-token': admin.csrf } : {}),
          ...(payload === undefined ? {} : { 'content-type': contentType }),
        },
        ...(payload === undefined ? {} : { payload }),
      });
      seen.push(res);
      return res;
    };
    const expectError = (
      res: LightMyRequestResponse,
      status: number | number[],
      code?: string,
      label = '',
    ) => {
      const statuses = [status].flat();
      assert.ok(statuses.includes(res.statusCode), `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`);
      assert.match(String(res.headers['content-type']), /application\/json/, label);
      const body = res.json() as { error?: { code: string; message: string } };
      assert.equal(typeof body.error?.code, 'string', `${label}: error.code expected`);
      assert.equal(typeof body.error?.message, 'string', `${label}: error.message expected`);
      if (code) assert.equal(body.error!.code, code, label);
      return body.error!;
    };

    before(async () => {
      t = await startTestApp(kind, { PARAPET_BODY_LIMIT_BYTES: String(BODY_LIMIT) });
      org = await createOrg(t);
      admin = await signIn(t, org.adminEmail);
    });
    after(async () => {
      // No response in this file may show a stack trace, a file path or a database error.
      for (const res of seen) for (const leak of LEAKS) assert.doesNotMatch(res.body, leak);
      await t.close();
    });

    test('malformed JSON is 400 malformed_json, on public and signed-in routes', async () => {
      for (const body of ['{"email":', '{email: "x"}', "{'a':1}", '{"a":1}}', '\u0000']) {
        expectError(
          await raw('POST', '/api/v1/auth/sign-in', body, 'application/json', false),
          400,
          'malformed_json',
          body,
        );
        expectError(await raw('POST', '/api/v1/teams', body), 400, 'malformed_json', body);
      }
      expectError(await raw('POST', '/api/v1/teams', ''), 400, 'malformed_json', 'empty body');
    });

    test('wrong types are 400 validation_failed naming the field', async () => {
      const cases: Array<['POST' | 'PATCH', string, unknown, string]> = [
        ['POST', '/api/v1/teams', { name: { first: 'x' }, kind: 'force' }, 'name'],
        ['POST', '/api/v1/teams', { name: 'Valid', kind: 'galaxy' }, 'kind'],
        ['POST', '/api/v1/api-tokens', { name: 'x', scopes: { write: true }, expiresInDays: 5 }, 'scopes'],
        [
          'POST',
          '/api/v1/api-tokens',
          { name: 'x', scopes: ['write'], expiresInDays: 'soon' },
          'expiresInDays',
        ],
        ['POST', '/api/v1/users', { email: 'not-an-email', name: 'X', roles: ['author'] }, 'email'],
        ['POST', '/api/v1/users', { email: 'a@example.test', name: 'X', roles: ['emperor'] }, 'roles'],
        ['PATCH', '/api/v1/organisation', { requireMfa: 'yes please' }, 'requireMfa'],
        // Values a coercing validator would quietly convert: JSON bodies must be refused instead.
        ['PATCH', '/api/v1/organisation', { requireMfa: null }, 'requireMfa'],
        ['PATCH', '/api/v1/organisation', { requireMfa: 'false' }, 'requireMfa'],
        ['POST', '/api/v1/teams', { name: 42, kind: 'force' }, 'name'],
        ['POST', '/api/v1/api-tokens', { name: 'x', scopes: 'write', expiresInDays: 5 }, 'scopes'],
        ['POST', '/api/v1/api-tokens', { name: 'x', scopes: ['write'], expiresInDays: '5' }, 'expiresInDays'],
      ];
      for (const [method, url, body, field] of cases) {
        const error = expectError(
          await raw(method, url, JSON.stringify(body)),
          400,
          'validation_failed',
          `${url} ${field}`,
        );
        assert.match(
          error.message,
          new RegExp(field),
          `${url}: the message should name "${field}": ${error.message}`,
        );
      }
      const missing = expectError(
        await raw('POST', '/api/v1/teams', JSON.stringify({ kind: 'force' })),
        400,
        'validation_failed',
      );
      assert.match(missing.message, /name/);
    });

    test('unknown fields are refused with 400 naming the field, not silently dropped', async () => {
      const error = expectError(
        await raw('POST', '/api/v1/teams', JSON.stringify({ name: 'T', kind: 'force', isAdmin: true })),
        400,
        'validation_failed',
      );
      assert.match(error.message, /isAdmin/);
      const signIn = await raw(
        'POST',
        '/api/v1/auth/sign-in',
        JSON.stringify({ email: org.adminEmail, password: 'x', role: 'admin' }),
        'application/json',
        false,
      );
      assert.match(expectError(signIn, 400, 'validation_failed').message, /role/);
      const teams = await t.ctx.db
        .selectFrom('team')
        .select('name')
        .where('org_id', '=', org.orgId)
        .where('name', '=', 'T')
        .execute();
      assert.equal(teams.length, 0, 'nothing was created by the refused request');
    });

    test('an oversized body is 413 body_too_large', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(BODY_LIMIT), kind: 'force' });
      expectError(await raw('POST', '/api/v1/teams', big), 413, 'body_too_large');
      expectError(
        await raw(
          'POST',
          '/api/v1/auth/sign-in',
          JSON.stringify({ email: 'a@b.c', password: 'p'.repeat(BODY_LIMIT) }),
          'application/json',
          false,
        ),
        413,
        'body_too_large',
      );
    });

    test('a body that is not JSON is 415 unsupported_media_type', async () => {
      const cases: Array<[string, string]> = [
        ['application/xml', '<team><name>x</name></team>'],
        ['application/x-www-form-urlencoded', 'name=x&kind=force'],
        [
          'multipart/form-data; boundary=zz',
          '--zz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--zz--',
        ],
        ['text/plain', '{"name":"x","kind":"force"}'],
        ['image/png', 'PNG'],
      ];
      for (const [type, body] of cases) {
        expectError(await raw('POST', '/api/v1/teams', body, type), 415, 'unsupported_media_type', type);
        expectError(
          await raw('POST', '/api/v1/auth/sign-in', body, type, false),
          415,
          'unsupported_media_type',
          type,
        );
      }
    });

    test('bad ids are 404 not_found or 400 validation_failed, never a server error', async () => {
      const ids = [
        'does-not-exist',
        '00000000-0000-0000-0000-000000000000',
        "1' OR '1'='1",
        '%00',
        '%E2%80%AE%F0%9F%92%A5',
        '..%2F..%2Fetc%2Fpasswd',
        '%25s%25n',
      ];
      for (const id of ids) {
        for (const url of [
          `/api/v1/users/${id}`,
          `/api/v1/users/${id}/suspend`,
          `/api/v1/teams/${id}`,
          `/api/v1/jobs/${id}/retry`,
          `/api/v1/api-tokens/${id}`,
        ]) {
          const method =
            url.startsWith('/api/v1/users/') && !url.endsWith('suspend')
              ? 'GET'
              : url.includes('teams')
                ? 'PATCH'
                : url.includes('api-tokens')
                  ? 'DELETE'
                  : 'POST';
          const body = url.endsWith('suspend')
            ? { reason: 'testing' }
            : url.includes('teams')
              ? { name: 'New' }
              : undefined;
          const res = await raw(method, url, body === undefined ? undefined : JSON.stringify(body));
          expectError(res, [400, 404], undefined, `${method} ${url}`);
        }
      }
      expectError(await raw('GET', '/api/v1/users/does-not-exist'), 404, 'not_found');
      expectError(
        await raw('GET', `/api/v1/users/${'a'.repeat(5000)}`),
        400,
        'validation_failed',
        'very long id',
      );
      expectError(
        await raw('DELETE', `/api/v1/teams/${'a'.repeat(101)}`),
        400,
        'validation_failed',
        'id one past the limit',
      );
      expectError(await raw('GET', '/api/v1/users/%E0%A4%A'), 400, 'bad_url', 'broken %-escape');
    });

    test('bad query values are 400 validation_failed', async () => {
      const urls = [
        '/api/v1/audit?limit=abc',
        '/api/v1/audit?limit=0',
        '/api/v1/audit?limit=100000',
        '/api/v1/audit?limit=1.5',
        '/api/v1/audit?beforeSeq=-3',
        '/api/v1/audit?from=yesterday',
        '/api/v1/audit?bogus=1',
        '/api/v1/audit/export?format=xlsx',
        '/api/v1/jobs?status=exploded',
        '/api/v1/users?status=sleeping',
        `/api/v1/users?q=${'x'.repeat(201)}`,
      ];
      for (const url of urls) expectError(await raw('GET', url), 400, 'validation_failed', url);
      // Odd but well-typed values are simply answered.
      for (const url of [
        '/api/v1/users?q=%00',
        '/api/v1/users?q=%25%5F%5C',
        '/api/v1/audit?action=%27%3B%20drop%20table%20audit_record%3B--',
        '/api/v1/audit?targetId=%00',
      ]) {
        const res = await raw('GET', url);
        assert.ok(res.statusCode === 200 || res.statusCode === 400, `${url} → ${res.statusCode} ${res.body}`);
      }
    });

    test('fuzz: every route with a body answers wrong-shaped bodies with a 4xx JSON error and the process survives', async () => {
      const routes = listRoutes(t.app).filter((r) => bodySchemaOf(t.app, r.method, r.url));
      assert.ok(routes.length >= 15, `found ${routes.length} routes with a body`);
      for (const route of routes) {
        const url = fillParams(route.url, () => 'fuzz-id');
        for (const body of GARBAGE) {
          const res = await raw(route.method, url, body);
          expectError(
            res,
            [400, 413, 415, 422],
            undefined,
            `${route.method} ${route.url} ${body.slice(0, 40)}`,
          );
        }
      }
      // NUL inside a string field: SQLite stores it, PostgreSQL refuses it; either way not a 500.
      const nul = await raw(
        'POST',
        '/api/v1/teams',
        JSON.stringify({ name: 'nul\u0000team', kind: 'force' }),
      );
      assert.ok([201, 400].includes(nul.statusCode), `NUL in a field → ${nul.statusCode} ${nul.body}`);
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(health.statusCode, 200);
      assert.equal((await raw('GET', '/api/v1/me')).statusCode, 200, 'the admin session still works');
    });
  });
}
