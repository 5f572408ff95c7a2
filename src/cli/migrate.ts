import type { Kysely } from 'kysely';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { type Command, loadCliConfig, parse } from './common.js';

export const migrateCommand: Command = {
  usage: `parapet migrate

Applies every pending migration to the database named by DATABASE_URL (default: SQLite under PARAPET_DATA_DIR).
Safe to run repeatedly; run it before starting API processes in scale-out deployments.`,
  async run(args) {
    parse(args, {});
    const handle = openDatabase(loadCliConfig().database);
    try {
      const applied = await migrateToLatest(handle.db as unknown as Kysely<unknown>);
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
          : 'Database is up to date.',
      );
      return 0;
    } finally {
      await handle.destroy();
    }
  },
};
