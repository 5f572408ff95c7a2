// Queries for dictionaries and their versions. Every one is scoped by organisation id: isolation is here.
import type { DatabaseKind, Db } from '../../db/database.js';
import type { DictionaryTable, DictionaryVersionTable } from '../../db/schema.js';

export type DictionaryRow = DictionaryTable;
export type VersionRow = DictionaryVersionTable;

export const findDictionary = (db: Db, orgId: string, id: string): Promise<DictionaryRow | undefined> =>
  db.selectFrom('dictionary').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const findDictionaryByName = (
  db: Db,
  orgId: string,
  name: string,
): Promise<DictionaryRow | undefined> =>
  db
    .selectFrom('dictionary')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .executeTakeFirst();

/** Re-reads the dictionary row, locked on PostgreSQL so concurrent saves number their versions one after another. */
export async function lockDictionary(
  db: Db,
  kind: DatabaseKind,
  orgId: string,
  id: string,
): Promise<DictionaryRow | undefined> {
  let q = db.selectFrom('dictionary').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (kind === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listDictionaryRows(
  db: Db,
  orgId: string,
  includeArchived: boolean,
): Promise<DictionaryRow[]> {
  let q = db.selectFrom('dictionary').selectAll().where('org_id', '=', orgId);
  if (!includeArchived) q = q.where('archived_at', 'is', null);
  return q.orderBy('name').execute();
}

export const findVersion = (
  db: Db,
  orgId: string,
  dictionaryId: string,
  version: number,
): Promise<VersionRow | undefined> =>
  db
    .selectFrom('dictionary_version')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('dictionary_id', '=', dictionaryId)
    .where('version', '=', version)
    .executeTakeFirst();

/** The version shown by default: the active one, else the latest. */
export const currentVersionNumber = (d: DictionaryRow): number => d.active_version ?? d.latest_version;

export const listVersionRows = (db: Db, orgId: string, dictionaryId: string): Promise<VersionRow[]> =>
  db
    .selectFrom('dictionary_version')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('dictionary_id', '=', dictionaryId)
    .orderBy('version', 'desc')
    .execute();

/** The current version of each of the given dictionaries (one query for a list page). */
export async function currentVersionRows(
  db: Db,
  orgId: string,
  dicts: DictionaryRow[],
): Promise<Map<string, VersionRow>> {
  if (dicts.length === 0) return new Map();
  const rows = await db
    .selectFrom('dictionary_version')
    .selectAll()
    .where('org_id', '=', orgId)
    .where(
      'dictionary_id',
      'in',
      dicts.map((d) => d.id),
    )
    .where((eb) =>
      eb.or(
        dicts.map((d) =>
          eb.and([eb('dictionary_id', '=', d.id), eb('version', '=', currentVersionNumber(d))]),
        ),
      ),
    )
    .execute();
  return new Map(rows.map((r) => [r.dictionary_id, r]));
}

/** Active dictionaries of an organisation with their active YAML: what the live matcher is compiled from. */
export const activeVersionRows = (db: Db, orgId: string) =>
  db
    .selectFrom('dictionary as d')
    .innerJoin('dictionary_version as v', (j) =>
      j.onRef('v.dictionary_id', '=', 'd.id').onRef('v.version', '=', 'd.active_version'),
    )
    .select(['d.id', 'd.name', 'd.active_version', 'v.yaml'])
    .where('d.org_id', '=', orgId)
    .where('d.active_version', 'is not', null)
    .orderBy('d.id')
    .execute();

/** Cheap fingerprint of what is active in an organisation: changes whenever an activation, rename or archive does. */
export async function activeSignature(db: Db, orgId: string): Promise<string> {
  const rows = await db
    .selectFrom('dictionary')
    .select(['id', 'name', 'active_version'])
    .where('org_id', '=', orgId)
    .where('active_version', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.id}:${r.active_version}:${r.name}`).join('\n');
}

/** Unique-constraint violations on SQLite and PostgreSQL (a concurrent create of the same name). */
export const isUniqueViolation = (err: unknown): boolean => {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
};
