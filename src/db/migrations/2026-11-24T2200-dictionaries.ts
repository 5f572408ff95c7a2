import type { Kysely } from 'kysely';

// Versioned keyword dictionaries per organisation. Versions are immutable rows (the YAML as saved, its author
// and its test results); the dictionary row only points at the active and latest version numbers.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dictionary')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active_version', 'integer')
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('archived_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('dictionary_org_name_unique', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('dictionary_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('dictionary_id', 'text', (c) => c.notNull().references('dictionary.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('yaml', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('term_count', 'integer', (c) => c.notNull())
    .addColumn('pattern_count', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('tests_passed', 'integer', (c) => c.notNull())
    .addColumn('test_failures', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('dictionary_version_unique', ['dictionary_id', 'version'])
    .execute();

  await db.schema
    .createTable('dictionary_term_stat')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('dictionary_id', 'text', (c) => c.notNull().references('dictionary.id'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('matches', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('decisions_confirmed', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('decisions_rejected', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dictionary_term_stat_pk', ['dictionary_id', 'term'])
    .execute();
  await db.schema
    .createIndex('dictionary_term_stat_org_idx')
    .on('dictionary_term_stat')
    .column('org_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['dictionary_term_stat', 'dictionary_version', 'dictionary'])
    await db.schema.dropTable(table).execute();
}
