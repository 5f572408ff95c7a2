// Where the time goes, in-process on one database: per delivery, in transactions of 100, (a) the ingestion
// layer alone (replay digest + item insert) and (b) the whole commit (a + classification and policy: matches,
// moderation events, action jobs, review queue, alerts).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import type { InboundItem } from '../../src/connectors/types.js';
import { createAppContext } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { connectAccount } from '../../src/modules/accounts/service.js';
import { systemContext } from '../../src/modules/audit/actor.js';
import { createFirstOrganisation } from '../../src/modules/identity/setup-service.js';
import { recordDeliveries } from '../../src/modules/inbound/deliveries.js';
import { type Delivery, storeDeliveries } from '../../src/modules/inbound/group-commit.js';
import { insertInboundItems } from '../../src/modules/inbound/store.js';

export async function ingestionBreakdown(env: Record<string, string>, rounds = 5, batch = 100) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parapet-bench-breakdown-'));
  const ctx = await createAppContext(loadConfig({ ...env, PARAPET_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
    logger: createLogger('silent'),
  });
  try {
    const { orgId, userId } = await createFirstOrganisation(
      ctx,
      systemContext('bench'),
      { organisationName: 'B', name: 'B', email: 'b@example.test', password: 'bench password long enough' },
      null,
    );
    const p = {
      userId,
      orgId,
      email: 'b@example.test',
      name: 'B',
      roles: ['admin' as const],
      via: 'session' as const,
      sessionId: null,
      stage: 'active' as const,
      scopes: null,
    };
    const account = await connectAccount(ctx, p, systemContext('bench'), {
      platform: 'x',
      platformAccountId: 'U1',
      handle: 'acme',
      credentials: { t: 'x' },
    });
    let n = 0;
    const make = (): Delivery => {
      n++;
      const item: InboundItem = {
        ref: { id: `i${n}` },
        kind: 'reply',
        text: n % 4 === 0 ? `you are a fucking disgrace ${n}` : `when does the front desk open ${n}`,
        author: { id: `a${n % 5000}`, handle: `resident${n % 5000}` },
        inReplyTo: null,
        createdAt: Date.now(),
        url: null,
        raw: { n },
      };
      return {
        platform: 'x',
        digest: `d${n}`,
        receivedAt: Date.now(),
        targets: [{ platformAccountId: 'U1', items: [item] }],
      };
    };
    const time = async (fn: (ds: Delivery[]) => Promise<unknown>) => {
      await fn(Array.from({ length: batch }, make)); // warm-up
      const t0 = performance.now();
      for (let r = 0; r < rounds; r++) await fn(Array.from({ length: batch }, make));
      return (performance.now() - t0) / (rounds * batch);
    };
    const storeOnly = await time((ds) =>
      ctx.db.transaction().execute(async (trx) => {
        await recordDeliveries(trx, ds, Date.now(), 3_600_000);
        await insertInboundItems(
          trx,
          ds.map((d) => ({
            account: { id: account.id, org_id: orgId, platform: 'x' },
            items: d.targets[0]!.items,
            receivedAt: d.receivedAt,
          })),
        );
      }),
    );
    const full = await time((ds) => ctx.db.transaction().execute((trx) => storeDeliveries(ctx, trx, ds)));
    return { storeOnlyMs: storeOnly, fullMs: full };
  } finally {
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
