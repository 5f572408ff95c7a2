// Real-time alerts over server-sent events, on a real socket (app.listen on port 0): pushed at once when raised
// in this process, within ~1 s when raised elsewhere (polling), resumable with Last-Event-ID, only the user's
// own in-app alerts, closed when the session is revoked and when the server shuts down.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AlertSeverity } from '../src/db/schema/alerts.js';
import { raiseAlert } from '../src/modules/alerts/raise.js';
import { AlertStreamHub } from '../src/modules/alerts/stream-hub.js';
import { openSse } from './helpers/alerts.js';
import {
  addUser,
  as,
  createOrg,
  type Org,
  type Session,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';
import { waitFor } from './helpers/jobs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const byPosition = (x: string, y: string) => {
  const [xa, xi] = x.split('.') as [string, string];
  const [ya, yi] = y.split('.') as [string, string];
  return Number(xa) - Number(ya) || (xi < yi ? -1 : xi > yi ? 1 : 0);
};

for (const kind of testDbKinds) {
  describe(`alert stream (${kind})`, () => {
    let t: TestApp;
    let base: string;
    let org: Org;
    let moderator: Session;
    let moderatorId: string;
    let authorId: string;
    const streams: Array<ReturnType<typeof openSse>> = [];

    /** Raises an alert; `notify` is what a caller in this process does after commit. */
    const raise = async (
      kind: string,
      opts: { notify?: boolean; severity?: AlertSeverity; recipientUserId?: string; orgId?: string } = {},
    ) => {
      const id = await raiseAlert(t.ctx.db, {
        orgId: opts.orgId ?? org.orgId,
        kind,
        severity: opts.severity ?? 'urgent',
        summary: `Live ${kind}`,
        recipientUserId: opts.recipientUserId ?? null,
      });
      if (opts.notify ?? true) t.ctx.jobSignal.notify();
      return id!;
    };
    const connect = async (s: Session, headers: Record<string, string> = {}) => {
      const stream = openSse(`${base}/api/v1/alerts/stream`, { cookie: s.cookie, ...headers });
      streams.push(stream);
      await stream.opened();
      // The hub registers the stream right after the headers are written; give it a moment.
      await new Promise((r) => setTimeout(r, 100));
      return stream;
    };
    const alertIds = (stream: ReturnType<typeof openSse>) =>
      stream.events.map((e) => JSON.parse(e.data).id as string);

    before(async () => {
      t = await startTestApp(kind);
      base = await t.app.listen({ host: '127.0.0.1', port: 0 });
      org = await createOrg(t);
      const m = await addUser(t, org.orgId, ['moderator']);
      moderatorId = m.id;
      moderator = await signIn(t, m.email);
      authorId = (await addUser(t, org.orgId, ['author'])).id;
    });
    after(async () => {
      for (const s of streams) s.close();
      await t.close();
    });

    test('an alert raised after connecting arrives at once; other people’s alerts never do', async () => {
      const stream = await connect(moderator);
      assert.equal(stream.status, 200);
      assert.match(stream.contentType, /^text\/event-stream/);
      const started = Date.now();
      const id = await raise('safeguarding.item');
      await waitFor('the alert event', () => stream.events.length >= 1, 3000);
      assert.ok(Date.now() - started < 800, `took ${Date.now() - started} ms`);
      assert.equal(stream.events[0]!.event, 'alert');
      assert.equal(JSON.parse(stream.events[0]!.data).id, id);
      assert.match(stream.events[0]!.id!, /^\d+\.[\w-]+$/);

      await raise('publishing.hijack'); // comms and admins only
      await raise('publishing.decision', { recipientUserId: authorId }); // the author's
      const otherOrg = await createOrg(t);
      await raise('safeguarding.item', { orgId: otherOrg.orgId });
      const marker = await raise('review.sla_breach');
      await waitFor('the marker', () => alertIds(stream).includes(marker), 3000);
      assert.deepEqual(alertIds(stream), [id, marker]);
      stream.close();
    });

    test('an alert committed by another process arrives through polling within about a second', async () => {
      const stream = await connect(moderator);
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/raise-alert-process.ts'], {
        cwd: root,
        env: {
          ...process.env,
          ALERT_DB: JSON.stringify(t.config.database),
          ALERT_ORG: org.orgId,
          ALERT_KIND: 'safeguarding.item',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      const committedAt = Date.now();
      assert.equal(code, 0);
      const id = out.trim();
      await waitFor('the alert from the other process', () => alertIds(stream).includes(id), 4000);
      assert.ok(Date.now() - committedAt < 2000, `took ${Date.now() - committedAt} ms after the commit`);
      stream.close();
    });

    test('reconnecting with Last-Event-ID resumes after the last event seen', async () => {
      const first = await connect(moderator);
      const a = await raise('safeguarding.item');
      await waitFor('a', () => alertIds(first).includes(a), 3000);
      const lastId = first.events.at(-1)!.id!;
      first.close();
      await first.whenEnded;
      const b = await raise('safeguarding.item');
      const c = await raise('review.sla_breach');
      const resumed = await connect(moderator, { 'last-event-id': lastId });
      await waitFor('b and c', () => alertIds(resumed).includes(c), 3000);
      // Events are ordered by (created_at, id): two raised in the same millisecond may come either way round.
      assert.deepEqual(
        alertIds(resumed).sort(),
        [b, c].sort(),
        'the missed events, nothing before Last-Event-ID',
      );
      const d = await raise('safeguarding.item');
      await waitFor('d live after the backlog', () => alertIds(resumed).includes(d), 3000);
      assert.equal(alertIds(resumed).length, 3);
      assert.equal(alertIds(resumed)[2], d);
      const positions = resumed.events.map((e) => e.id!);
      assert.deepEqual(positions, [...positions].sort(byPosition), 'event ids ascend');
      resumed.close();
      const bad = await as(t, moderator)('GET', '/api/v1/alerts/stream?lastEventId=garbage');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'bad_last_event_id');
      // Without Accept: text/event-stream the same events come once as JSON.
      const batch = await as(t, moderator)(
        'GET',
        `/api/v1/alerts/stream?lastEventId=${encodeURIComponent(lastId)}`,
      );
      assert.deepEqual(
        batch.json().events.map((e: { alert: { id: string } }) => e.alert.id),
        alertIds(resumed),
      );
    });

    test('opting out of in-app for a kind stops its pushes', async () => {
      const put = await as(t, moderator)('PUT', '/api/v1/me/alert-subscriptions', {
        subscriptions: [{ kindPrefix: 'review', channel: 'in_app', enabled: false }],
      });
      assert.equal(put.statusCode, 200);
      const stream = await connect(moderator);
      await raise('review.sla_breach');
      const marker = await raise('safeguarding.item');
      await waitFor('the marker', () => alertIds(stream).includes(marker), 3000);
      assert.deepEqual(alertIds(stream), [marker]);
      stream.close();
      await as(t, moderator)('PUT', '/api/v1/me/alert-subscriptions', { subscriptions: [] });
    });

    test('an API token can stream too; revoking the token closes the stream', async () => {
      const res = await as(t, moderator)('POST', '/api/v1/api-tokens', {
        name: 'wallboard',
        scopes: ['read'],
        expiresInDays: 30,
      });
      assert.equal(res.statusCode, 201, res.body);
      const { token, apiToken } = res.json() as { token: string; apiToken: { id: string } };
      const stream = openSse(`${base}/api/v1/alerts/stream`, { authorization: `Bearer ${token}` });
      streams.push(stream);
      await stream.opened();
      await new Promise((r) => setTimeout(r, 100));
      const id = await raise('safeguarding.item');
      await waitFor('the alert on the token stream', () => alertIds(stream).includes(id), 3000);
      assert.equal((await as(t, moderator)('DELETE', `/api/v1/api-tokens/${apiToken.id}`)).statusCode, 200);
      await waitFor('the token stream to close', () => stream.ended, 6000);
    });

    test('signing out closes the stream; so does suspending the user', async () => {
      const stream = await connect(moderator);
      const out = await as(t, moderator)('POST', '/api/v1/auth/sign-out');
      assert.equal(out.statusCode, 200);
      await waitFor('the stream to close', () => stream.ended, 6000);

      const other = await addUser(t, org.orgId, ['moderator']);
      const s = await signIn(t, other.email);
      const second = await connect(s);
      const admin = await signIn(t, org.adminEmail);
      await as(t, admin)('POST', `/api/v1/users/${other.id}/suspend`, { reason: 'test' });
      await raise('safeguarding.item');
      await waitFor('the suspended user’s stream to close', () => second.ended, 6000);
      assert.equal(second.events.length, 0, 'nothing reached the suspended user');
    });

    test('heartbeat comments keep idle streams open (hub with short timings)', async () => {
      const comments: string[] = [];
      let closed = false;
      const hub = new AlertStreamHub(t.ctx, {
        pollMs: 50,
        heartbeatMs: 100,
        revalidateMs: 60_000,
        lagMs: 1000,
      });
      const fake = {
        send() {},
        comment: (text: string) => comments.push(text),
        close: () => {
          closed = true;
        },
        get closed() {
          return closed;
        },
        onClose() {},
      };
      const principal = {
        userId: moderatorId,
        orgId: org.orgId,
        email: 'x',
        name: 'x',
        roles: ['moderator' as const],
        via: 'session' as const,
        sessionId: null,
        stage: 'active' as const,
        scopes: null,
      };
      await hub.add({
        principal,
        credential: { kind: 'session', hash: 'x' },
        subscriptions: [],
        floor: null,
        stream: fake,
        sent: new Map(),
        pending: null,
      });
      await waitFor('two heartbeats', () => comments.filter((c) => c === 'heartbeat').length >= 2, 2000);
      hub.closeAll();
      assert.ok(closed);
    });

    test('app.close() ends open streams and returns promptly', async () => {
      moderator = await signIn(t, (await addUser(t, org.orgId, ['moderator'])).email);
      const stream = await connect(moderator);
      const started = Date.now();
      await t.app.close();
      assert.ok(Date.now() - started < 3000, `close took ${Date.now() - started} ms`);
      await waitFor('the client to see the end', () => stream.ended, 3000);
      void moderatorId;
    });
  });
}
