import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as foundation from './migrations/2026-11-24T2130-foundation.js';
import * as dictionaries from './migrations/2026-11-24T2200-dictionaries.js';
import * as accounts from './migrations/2026-11-24T2300-accounts.js';
import * as sandbox from './migrations/2026-11-24T2310-sandbox.js';
import * as mastodonApp from './migrations/2026-11-24T2330-mastodon-app.js';
import * as publishingInbound from './migrations/2026-11-25T0000-publishing-inbound.js';
import * as publishingCompose from './migrations/2026-11-25T0010-publishing-compose.js';
import * as publishExecution from './migrations/2026-11-25T0020-publish-execution.js';
import * as licenceHijack from './migrations/2026-11-25T0030-licence-hijack.js';
import * as inbound from './migrations/2026-11-25T0040-inbound.js';
import * as moderationPolicy from './migrations/2026-11-25T0050-moderation-policy.js';
import * as review from './migrations/2026-11-25T0060-review.js';
import * as alertDelivery from './migrations/2026-11-25T0070-alert-delivery.js';
import * as archive from './migrations/2026-11-25T0080-archive.js';
import * as analyticsReports from './migrations/2026-11-25T0090-analytics-reports.js';
import * as analyticsRollups from './migrations/2026-11-26T0010-analytics-rollups.js';
import * as replayKeyTime from './migrations/2026-11-26T0020-replay-key-time.js';

// Listed explicitly (not read from disk) so migrations work the same from source and from any bundle.
// Names are timestamps: Kysely applies them in name order.
const migrations: Record<string, Migration> = {
  '2026-11-24T2130-foundation': foundation,
  '2026-11-24T2200-dictionaries': dictionaries,
  '2026-11-24T2300-accounts': accounts,
  '2026-11-24T2310-sandbox': sandbox,
  '2026-11-24T2330-mastodon-app': mastodonApp,
  '2026-11-25T0000-publishing-inbound': publishingInbound,
  '2026-11-25T0020-publish-execution': publishExecution,
  '2026-11-25T0040-inbound': inbound,
  '2026-11-25T0010-publishing-compose': publishingCompose,
  '2026-11-25T0030-licence-hijack': licenceHijack,
  '2026-11-25T0050-moderation-policy': moderationPolicy,
  '2026-11-25T0060-review': review,
  '2026-11-25T0070-alert-delivery': alertDelivery,
  '2026-11-25T0090-analytics-reports': analyticsReports,
  '2026-11-26T0010-analytics-rollups': analyticsRollups,
  '2026-11-25T0080-archive': archive,
  '2026-11-26T0020-replay-key-time': replayKeyTime,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function createMigrator(db: Kysely<unknown>): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: 'parapet_migration',
    migrationLockTableName: 'parapet_migration_lock',
  });
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** True when every known migration has been applied (used by /readyz). */
export async function migrationsComplete(db: Kysely<unknown>): Promise<boolean> {
  const applied = await createMigrator(db).getMigrations();
  return applied.every((m) => m.executedAt !== undefined);
}
