// Child process started by test/helpers/bluesky-network.ts: a real, local Bluesky network (did:plc directory,
// PDS, AppView on PostgreSQL) plus a minimal moderation service, all on 127.0.0.1. Prints exactly one line
// `BLUESKY_NETWORK_READY {json}` when usable; exits on SIGTERM/SIGINT or when its stdin closes, so a crashed
// test runner never leaves it behind. Its temp dir (TMPDIR, set by the parent) is removed by the parent.
//
// Env: BSKY_TEST_PG_URL (a throwaway database for the AppView).
import { rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

// The dev-env servers call listen(port) which binds every interface; tests must stay on loopback.
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function patchedListen(this: net.Server, ...args: unknown[]) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  if (args[0] && typeof args[0] === 'object' && !('path' in args[0]) && !('host' in args[0]))
    args[0] = { ...(args[0] as object), host: '127.0.0.1' };
  return (originalListen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof net.Server.prototype.listen;

const { TestPlc, TestPds, TestBsky, mockNetworkUtilities } = await import('@atproto/dev-env');

const pgUrl = process.env.BSKY_TEST_PG_URL;
if (!pgUrl) throw new Error('BSKY_TEST_PG_URL is not set');

const started = performance.now();

// The PDS forwards com.atproto.moderation.createReport (with a service-auth JWT) to its configured
// moderation service. No Ozone here: this records what the PDS forwarded and answers per the lexicon.
const MOD_DID = 'did:web:moderation.parapet.test';
const reports: Array<{ body: unknown; authorization: string | undefined }> = [];
const mod = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'POST' && req.url?.startsWith('/xrpc/com.atproto.moderation.createReport')) {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      reports.push({ body, authorization: req.headers.authorization });
      const iss = jwtIssuer(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ id: reports.length, ...body, reportedBy: iss, createdAt: new Date().toISOString() }),
      );
      return;
    }
    res.writeHead(501, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'MethodNotImplemented', message: 'not implemented' }));
  });
});
await new Promise<void>((r) => mod.listen(0, '127.0.0.1', r));
const modUrl = `http://localhost:${(mod.address() as net.AddressInfo).port}`;

const plc = await TestPlc.create({});
const pdsPort = await freePort();
const bsky = await TestBsky.create({
  plcUrl: plc.url,
  pdsPort,
  repoProvider: `ws://localhost:${pdsPort}`,
  dbPostgresUrl: pgUrl,
  dbPostgresSchema: 'appview',
  modServiceDid: MOD_DID,
  // The type asks for redisHost, but TestBsky runs without Redis when none is given (no cache layer).
} as Parameters<typeof TestBsky.create>[0]);
const pds = await TestPds.create({
  port: pdsPort,
  didPlcUrl: plc.url,
  bskyAppViewUrl: bsky.url,
  bskyAppViewDid: bsky.ctx.cfg.serverDid,
  modServiceUrl: modUrl,
  modServiceDid: MOD_DID,
});
mockNetworkUtilities(pds, bsky);

// Control endpoint: /sync waits until the AppView has indexed everything the PDS has sequenced so far.
const control = http.createServer(async (req, res) => {
  try {
    if (req.url === '/sync') {
      await catchUp(10_000);
      res.writeHead(204).end();
    } else if (req.url === '/reports') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reports));
    } else res.writeHead(404).end();
  } catch (err) {
    res.writeHead(500).end((err as Error).message);
  }
});
await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));

async function catchUp(timeoutMs: number): Promise<void> {
  await pds.processAll();
  const target = await pds.ctx.sequencer.curr();
  if (!target) return;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await bsky.sub.processAll();
    const cursor = await bsky.sub.runner.getCursor();
    if (cursor && cursor >= target) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`AppView did not reach PDS seq ${target} within ${timeoutMs} ms`);
}

let closing = false;
async function shutdown(code: number): Promise<void> {
  if (closing) return;
  closing = true;
  const force = setTimeout(() => process.exit(code), 5000);
  force.unref();
  for (const close of [() => pds.close(), () => bsky.close(), () => plc.close()]) {
    await close().catch(() => {});
  }
  control.close();
  mod.close();
  // Our own temp dir (PDS data, blobs), also when the parent died without cleaning up.
  const tmp = process.env.TMPDIR;
  if (tmp && path.basename(tmp).startsWith('parapet-bsky-')) await rm(tmp, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
process.stdin.on('end', () => void shutdown(0));
process.stdin.on('close', () => void shutdown(0));
process.stdin.resume();

const ready = {
  plcUrl: plc.url,
  pdsUrl: pds.url,
  appViewUrl: bsky.url,
  appViewDid: bsky.ctx.cfg.serverDid,
  modUrl,
  modDid: MOD_DID,
  controlUrl: `http://127.0.0.1:${(control.address() as net.AddressInfo).port}`,
  startMs: Math.round(performance.now() - started),
};
process.stdout.write(`BLUESKY_NETWORK_READY ${JSON.stringify(ready)}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function jwtIssuer(authorization: string | undefined): string {
  const payload = authorization?.replace(/^Bearer /, '').split('.')[1] ?? '';
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).iss ?? 'did:unknown';
  } catch {
    return 'did:unknown';
  }
}
