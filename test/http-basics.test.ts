// Health, readiness, metrics, API docs, security headers, request ids, 404s and unexpected errors.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { listRoutes } from './helpers/routes.js';

const INTERNAL_DETAIL = 'kaboom in /srv/parapet/src/secret-module.ts with password hunter2';

/** Collects every log line the app writes. */
function logCollector() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

const histogramCount = (metrics: string, route: string): number => {
  const line = metrics
    .split('\n')
    .find(
      (l) =>
        l.startsWith('parapet_http_request_duration_seconds_count{') &&
        l.includes(`route="${route}"`) &&
        l.includes('method="GET"') &&
        l.includes('status="200"'),
    );
  return line ? Number(line.split(' ').pop()) : 0;
};

for (const kind of testDbKinds) {
  describe(`HTTP basics (${kind})`, () => {
    let t: TestApp;
    const logs = logCollector();
    before(async () => {
      t = await startTestApp(
        kind,
        { LOG_LEVEL: 'error' },
        {
          logDestination: logs.stream,
          // A test-only route that fails the way a bug would: a plain Error with internals in its message.
          beforeReady: (app) => {
            app.get('/test/explode', { config: { public: true } }, async () => {
              throw new Error(INTERNAL_DETAIL);
            });
          },
        },
      );
    });
    after(() => t.close());
    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url, headers });

    test('/healthz answers 200 ok and /readyz names the database kind', async () => {
      const health = await get('/healthz');
      assert.equal(health.statusCode, 200);
      assert.deepEqual(health.json(), { status: 'ok' });
      const ready = await get('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { status: 'ready', database: kind });
    });

    test('/metrics is Prometheus text and counts requests by route', async () => {
      const first = await get('/metrics');
      assert.equal(first.statusCode, 200);
      assert.match(String(first.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      assert.match(first.body, /^# HELP parapet_http_request_duration_seconds /m);
      assert.match(first.body, /^# TYPE parapet_http_request_duration_seconds histogram$/m);
      assert.match(first.body, /^parapet_process_cpu_user_seconds_total \d/m);
      const before = histogramCount(first.body, '/healthz');
      for (let i = 0; i < 3; i++) await get('/healthz');
      const afterwards = histogramCount((await get('/metrics')).body, '/healthz');
      assert.equal(afterwards - before, 3);
      // Unknown urls are counted under one label, so scanners cannot blow up the number of series.
      await get('/no/such/route-1');
      await get('/no/such/route-2');
      const metrics = (await get('/metrics')).body;
      assert.ok(!metrics.includes('/no/such/route'), 'unknown urls must not become label values');
      assert.match(metrics, /parapet_http_request_duration_seconds_count\{[^}]*status="404"[^}]*\} [1-9]/);
    });

    test('/api/openapi.json is an OpenAPI 3 document listing every /api/v1 route', async () => {
      const res = await get('/api/openapi.json');
      assert.equal(res.statusCode, 200);
      const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
      assert.match(doc.openapi, /^3\./);
      const apiRoutes = listRoutes(t.app).filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
      assert.ok(apiRoutes.length >= 30);
      for (const r of apiRoutes) {
        const path = r.url.replace(/:(\w+)/g, '{$1}');
        assert.ok(
          doc.paths[path]?.[r.method.toLowerCase()],
          `${r.method} ${path} missing from the OpenAPI document`,
        );
      }
    });

    test('/api/docs renders an HTML page', async () => {
      let res = await get('/api/docs');
      for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
        res = await get(new URL(String(res.headers.location), 'http://localhost/api/docs/').pathname);
      }
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.match(res.body, /<html/i);
      assert.match(res.body, /swagger/i);
    });

    test('security headers are set on pages, API responses and errors; no HSTS over http', async () => {
      for (const url of ['/sign-in', '/api/v1/me', '/no/such/route', '/healthz']) {
        const res = await get(url);
        const csp = String(res.headers['content-security-policy']);
        assert.match(csp, /default-src 'self'/, url);
        assert.match(csp, /frame-ancestors 'none'/, url);
        assert.match(csp, /script-src 'self'(;|$)/, url);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(res.headers['x-frame-options'], 'DENY', url);
        assert.equal(
          res.headers['strict-transport-security'],
          undefined,
          `${url}: HSTS must not be sent over plain http`,
        );
      }
    });

    test('every response carries a request id; a valid incoming one is echoed, a bad one replaced', async () => {
      const responses = await Promise.all(
        ['/healthz', '/api/v1/me', '/no/such/route', '/test/explode'].map((u) => get(u)),
      );
      const ids = responses.map((r) => String(r.headers['x-request-id']));
      for (const id of ids) assert.match(id, /^[\w.-]{1,64}$/);
      assert.equal(new Set(ids).size, ids.length, 'request ids are unique');
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { 'content-type': 'application/json' },
        payload: '{',
      });
      assert.ok(malformed.headers['x-request-id']);
      assert.equal(
        (await get('/healthz', { 'x-request-id': 'trace-abc.123' })).headers['x-request-id'],
        'trace-abc.123',
      );
      for (const bad of ['has spaces in it', 'x'.repeat(65), 'quote"inject', 'new\\nline']) {
        const echoed = (await get('/healthz', { 'x-request-id': bad })).headers['x-request-id'];
        assert.ok(echoed && echoed !== bad, `"${bad}" must not be echoed`);
      }
    });

    test('an unknown route is a 404 JSON not_found', async () => {
      for (const method of ['GET', 'POST', 'DELETE'] as const) {
        const res = await t.app.inject({ method, url: '/api/v1/no-such-thing?x=1' });
        assert.equal(res.statusCode, 404);
        assert.match(String(res.headers['content-type']), /application\/json/);
        assert.equal(res.json().error.code, 'not_found');
        assert.equal(res.json().error.message, `No route for ${method} /api/v1/no-such-thing.`);
      }
    });

    test('an unexpected exception is a 500 internal_error quoting the request id, without internals', async () => {
      const res = await get('/test/explode', { 'x-request-id': 'req-explode-1' });
      assert.equal(res.statusCode, 500);
      const body = res.json() as { error: { code: string; message: string } };
      assert.deepEqual(Object.keys(body), ['error']);
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message']);
      assert.equal(body.error.code, 'internal_error');
      assert.match(body.error.message, /req-explode-1/);
      for (const leak of ['kaboom', '/srv/', 'secret-module', 'hunter2', '    at ', 'Error:', '.ts']) {
        assert.ok(!res.body.includes(leak), `500 body leaks "${leak}"`);
      }
      // Operators still get the detail: the error is logged with the same request id.
      const logged = logs.lines
        .map((l) => JSON.parse(l) as { reqId?: string; err?: { message?: string; stack?: string } })
        .find((l) => l.reqId === 'req-explode-1' && l.err);
      assert.ok(logged, 'the unexpected error is logged with its request id');
      assert.match(logged.err!.stack ?? '', /kaboom/);
      assert.equal((await get('/healthz')).statusCode, 200, 'the process keeps serving');
    });
  });

  describe(`HSTS behind https (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind, { PARAPET_PUBLIC_URL: 'https://parapet.example.org' });
    });
    after(() => t.close());

    test('Strict-Transport-Security is sent when the public URL is https', async () => {
      for (const url of ['/healthz', '/sign-in', '/api/v1/me']) {
        const res = await t.app.inject({ method: 'GET', url });
        assert.match(
          String(res.headers['strict-transport-security']),
          /max-age=31536000; includeSubDomains/,
          url,
        );
      }
    });
  });
}
