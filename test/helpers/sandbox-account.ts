// A real, verifiable Sandbox credential for tests that connect accounts directly: POST /api/v1/accounts now
// asks the platform who the credential belongs to, so tests give it a token the built-in Sandbox knows.
import { createSandboxOfficialAccount } from '../../src/sandbox/accounts.js';
import type { TestApp } from './app.js';

async function baseUrlOf(t: TestApp): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('test app has no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

let counter = 0;

/** Body fields for POST /api/v1/accounts connecting a fresh sandbox user (handle is made unique). */
export async function sandboxConnectFields(t: TestApp, handle = 'sb') {
  const created = await createSandboxOfficialAccount(t.ctx, {
    handle: `${handle}_${++counter}_${Date.now() % 100000}`,
  });
  return {
    platform: 'sandbox' as const,
    platformAccountId: created.userId,
    handle: created.handle,
    baseUrl: await baseUrlOf(t),
    credentials: { token: created.token },
  };
}
