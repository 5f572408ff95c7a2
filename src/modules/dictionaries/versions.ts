// Writing versions, inside the caller's transaction: every change is a new immutable version row plus its
// audit record, and activation is gated on the dictionary's own tests.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { badRequest, conflict } from '../../http/errors.js';
import { newId } from '../../ids.js';
import {
  type Dictionary,
  DictionaryError,
  parseDictionaryYaml,
  runDictionaryTests,
} from '../../rules/index.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { DictionaryRow, VersionRow } from './repo.js';

type App = Pick<AppContext, 'dbKind'>;

export interface TestFailureView {
  kind: 'must_match' | 'must_not_match';
  text: string;
  message: string;
}

/** Parses YAML from a person, turning the engine's "file line N: problem" into a 400. */
export function parseOrReject(yaml: string, fileName: string): Dictionary {
  try {
    return parseDictionaryYaml(yaml, fileName);
  } catch (err) {
    if (err instanceof DictionaryError) throw badRequest('invalid_dictionary', err.message);
    throw err;
  }
}

export const testFailuresOf = (dict: Dictionary): TestFailureView[] =>
  runDictionaryTests(dict).map((f) => ({ kind: f.kind, text: f.text, message: f.message }));

function refuseActivation(name: string, version: number, failures: TestFailureView[]): never {
  throw conflict(
    'dictionary_tests_failed',
    `Version ${version} of "${name}" cannot be activated because its tests fail: ${failures.map((f) => f.message).join('; ')}`,
  );
}

export interface NewVersion {
  dict: Dictionary;
  yaml: string;
  source: VersionRow['source'];
  activate: boolean;
}

function versionRow(
  orgId: string,
  dictionaryId: string,
  version: number,
  actx: ActionContext,
  input: NewVersion,
  failures: TestFailureView[],
  now: number,
): VersionRow {
  const { dict } = input;
  return {
    id: newId(),
    org_id: orgId,
    dictionary_id: dictionaryId,
    version,
    name: dict.name,
    yaml: input.yaml,
    category: dict.category,
    action: dict.action,
    severity: dict.severity,
    term_count: dict.terms.length,
    pattern_count: dict.patterns.length,
    source: input.source,
    author_id: actx.actor.id,
    author_label: actx.actor.label,
    tests_passed: failures.length === 0 ? 1 : 0,
    test_failures: JSON.stringify(failures),
    created_at: now,
  };
}

/** Creates a dictionary with its version 1. The caller has checked the name is free in the organisation. */
export async function insertDictionary(
  app: App,
  trx: Db,
  orgId: string,
  actx: ActionContext,
  input: NewVersion,
): Promise<DictionaryRow> {
  const failures = testFailuresOf(input.dict);
  if (input.activate && failures.length > 0) refuseActivation(input.dict.name, 1, failures);
  const now = Date.now();
  const row: DictionaryRow = {
    id: newId(),
    org_id: orgId,
    name: input.dict.name,
    active_version: input.activate ? 1 : null,
    latest_version: 1,
    archived_at: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('dictionary').values(row).execute();
  await trx
    .insertInto('dictionary_version')
    .values(versionRow(orgId, row.id, 1, actx, input, failures, now))
    .execute();
  const target = { type: 'dictionary', id: row.id };
  await audit(app, trx, actx, {
    orgId,
    action: 'dictionary.created',
    target,
    summary: { name: row.name, version: 1, source: input.source, testsPassed: failures.length === 0 },
  });
  if (input.activate)
    await audit(app, trx, actx, {
      orgId,
      action: 'dictionary.activated',
      target,
      summary: { name: row.name, version: 1, previous: null },
    });
  return row;
}

/** Adds the next version to a dictionary (locked by the caller); restores it if archived. */
export async function insertVersion(
  app: App,
  trx: Db,
  orgId: string,
  actx: ActionContext,
  current: DictionaryRow,
  input: NewVersion,
): Promise<DictionaryRow> {
  const version = current.latest_version + 1;
  const failures = testFailuresOf(input.dict);
  if (input.activate && failures.length > 0) refuseActivation(input.dict.name, version, failures);
  const now = Date.now();
  const next: DictionaryRow = {
    ...current,
    name: input.dict.name,
    latest_version: version,
    archived_at: null,
    updated_at: now,
    active_version: input.activate ? version : current.active_version,
  };
  await trx
    .insertInto('dictionary_version')
    .values(versionRow(orgId, current.id, version, actx, input, failures, now))
    .execute();
  await trx
    .updateTable('dictionary')
    .set({
      name: next.name,
      latest_version: version,
      archived_at: null,
      updated_at: now,
      active_version: next.active_version,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', current.id)
    .execute();
  const target = { type: 'dictionary', id: current.id };
  const summary: Record<string, unknown> = {
    name: next.name,
    version,
    source: input.source,
    testsPassed: failures.length === 0,
  };
  if (current.name !== next.name) summary.renamedFrom = current.name;
  if (current.archived_at !== null) summary.restored = true;
  await audit(app, trx, actx, { orgId, action: 'dictionary.version_created', target, summary });
  if (input.activate) {
    await audit(app, trx, actx, {
      orgId,
      action: 'dictionary.activated',
      target,
      summary: { name: next.name, version, previous: current.active_version },
    });
  }
  return next;
}

/** Makes `version` the active one (a rollback when it is older than the active one). Re-runs its tests first. */
export async function activateVersion(
  app: App,
  trx: Db,
  orgId: string,
  actx: ActionContext,
  current: DictionaryRow,
  version: VersionRow,
): Promise<DictionaryRow> {
  // Tests are re-run rather than read from the row: the engine may have changed since the version was saved.
  const failures = testFailuresOf(parseOrReject(version.yaml, current.name));
  if (failures.length > 0) refuseActivation(current.name, version.version, failures);
  if (current.active_version === version.version && current.archived_at === null) return current;
  const now = Date.now();
  await trx
    .updateTable('dictionary')
    .set({ active_version: version.version, archived_at: null, updated_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', current.id)
    .execute();
  const rollback = current.active_version !== null && version.version < current.active_version;
  await audit(app, trx, actx, {
    orgId,
    action: rollback ? 'dictionary.rolled_back' : 'dictionary.activated',
    target: { type: 'dictionary', id: current.id },
    summary: { name: current.name, version: version.version, previous: current.active_version },
  });
  return { ...current, active_version: version.version, archived_at: null, updated_at: now };
}
