// Changing dictionaries: create, edit, import, activate / roll back, archive, starter install. Each change is
// one transaction holding the new version and its audit record; the live matcher is refreshed after commit.
//
// Archiving (DELETE) keeps the dictionary and every version for the audit trail, deactivates it and hides
// it from the default list. Its name stays reserved (one name = one history): creating a dictionary with
// that name is refused with a hint, while importing YAML with that name, editing it or activating a version
// restores it.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { conflict, forbidden, notFound } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { policy } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';
import { invalidateActiveMatcher } from './matcher-cache.js';
import {
  currentVersionNumber,
  type DictionaryRow,
  findDictionary,
  findDictionaryByName,
  findVersion,
  isUniqueViolation,
  lockDictionary,
} from './repo.js';
import { installStarterDictionaries, type StarterResult } from './starter.js';
import { activateVersion, insertDictionary, insertVersion, parseOrReject } from './versions.js';
import { toSummary, toVersionDetail } from './views.js';

export { getActiveMatcher } from './matcher-cache.js';
export { installStarterDictionaries } from './starter.js';
export { recordTermDecision, recordTermMatches } from './term-stats.js';

export interface YamlInput {
  yaml: string;
  activate?: boolean;
}

function requireManage(p: Principal): void {
  if (!policy.manageDictionaries(p)) throw forbidden();
}

const nameTaken = (name: string, archived: boolean) =>
  conflict(
    'dictionary_name_taken',
    archived
      ? `An archived dictionary is called "${name}". Import the YAML to restore it with a new version, or choose another name.`
      : `A dictionary called "${name}" already exists. Edit it, import into it, or choose another name.`,
  );

/** Runs a change; afterwards the organisation's live matcher is rebuilt, and a lost name race becomes a 409. */
async function change<T>(
  app: AppContext,
  orgId: string,
  fn: (trx: Db) => Promise<T>,
  name?: () => string,
): Promise<T> {
  try {
    return await app.db.transaction().execute(fn);
  } catch (err) {
    if (name && isUniqueViolation(err)) throw nameTaken(name(), false);
    throw err;
  } finally {
    invalidateActiveMatcher(app, orgId);
  }
}

async function detailOf(db: Db, d: DictionaryRow, version: number) {
  const v = (await findVersion(db, d.org_id, d.id, version))!;
  const shown = currentVersionNumber(d);
  const current = shown === version ? v : await findVersion(db, d.org_id, d.id, shown);
  return { dictionary: toSummary(d, current), version: toVersionDetail(d, v) };
}

export async function createDictionary(app: AppContext, p: Principal, actx: ActionContext, input: YamlInput) {
  requireManage(p);
  const dict = parseOrReject(input.yaml, 'dictionary');
  return change(
    app,
    p.orgId,
    async (trx) => {
      const existing = await findDictionaryByName(trx, p.orgId, dict.name);
      if (existing) throw nameTaken(dict.name, existing.archived_at !== null);
      const row = await insertDictionary(app, trx, p.orgId, actx, {
        dict,
        yaml: input.yaml,
        source: 'create',
        activate: input.activate ?? false,
      });
      return detailOf(trx, row, 1);
    },
    () => dict.name,
  );
}

/** A new version of an existing dictionary. The YAML's name may differ: a rename, refused if the name is taken. */
export async function updateDictionary(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  input: YamlInput,
) {
  requireManage(p);
  // Existence first, so another organisation learns nothing from a parse error about an id it cannot see.
  const found = await findDictionary(app.db, p.orgId, id);
  if (!found) throw notFound('Dictionary');
  const dict = parseOrReject(input.yaml, found.name);
  return change(
    app,
    p.orgId,
    async (trx) => {
      const current = await lockDictionary(trx, app.dbKind, p.orgId, id);
      if (!current) throw notFound('Dictionary');
      if (dict.name !== current.name) {
        const other = await findDictionaryByName(trx, p.orgId, dict.name);
        if (other) throw nameTaken(dict.name, other.archived_at !== null);
      }
      const row = await insertVersion(app, trx, p.orgId, actx, current, {
        dict,
        yaml: input.yaml,
        source: 'edit',
        activate: input.activate ?? false,
      });
      return detailOf(trx, row, row.latest_version);
    },
    () => dict.name,
  );
}

/** Creates the dictionary named in the YAML, or adds a version to (and restores) the one with that name. */
export async function importDictionary(app: AppContext, p: Principal, actx: ActionContext, input: YamlInput) {
  requireManage(p);
  const dict = parseOrReject(input.yaml, 'dictionary');
  const activate = input.activate ?? false;
  return change(
    app,
    p.orgId,
    async (trx) => {
      const existing = await findDictionaryByName(trx, p.orgId, dict.name);
      const current = existing && (await lockDictionary(trx, app.dbKind, p.orgId, existing.id));
      if (!current) {
        const row = await insertDictionary(app, trx, p.orgId, actx, {
          dict,
          yaml: input.yaml,
          source: 'import',
          activate,
        });
        return { created: true, ...(await detailOf(trx, row, 1)) };
      }
      const row = await insertVersion(app, trx, p.orgId, actx, current, {
        dict,
        yaml: input.yaml,
        source: 'import',
        activate,
      });
      return { created: false, ...(await detailOf(trx, row, row.latest_version)) };
    },
    () => dict.name,
  );
}

/** Activates a version; activating an older one is the rollback. Refused (409) when its tests fail. */
export async function activateDictionaryVersion(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  id: string,
  version: number,
) {
  requireManage(p);
  return change(app, p.orgId, async (trx) => {
    const current = await lockDictionary(trx, app.dbKind, p.orgId, id);
    if (!current) throw notFound('Dictionary');
    const v = await findVersion(trx, p.orgId, id, version);
    if (!v) throw notFound(`Version ${version}`);
    const row = await activateVersion(app, trx, p.orgId, actx, current, v);
    return detailOf(trx, row, version);
  });
}

export async function archiveDictionary(app: AppContext, p: Principal, actx: ActionContext, id: string) {
  requireManage(p);
  return change(app, p.orgId, async (trx) => {
    const current = await lockDictionary(trx, app.dbKind, p.orgId, id);
    if (!current) throw notFound('Dictionary');
    if (current.archived_at !== null)
      return toSummary(current, await findVersion(trx, p.orgId, id, current.latest_version));
    const now = Date.now();
    await trx
      .updateTable('dictionary')
      .set({ active_version: null, archived_at: now, updated_at: now })
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .execute();
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'dictionary.archived',
      target: { type: 'dictionary', id },
      summary: { name: current.name, previousActive: current.active_version },
    });
    const row = { ...current, active_version: null, archived_at: now, updated_at: now };
    return toSummary(row, await findVersion(trx, p.orgId, id, row.latest_version));
  });
}

/** (Re)installs any starter dictionary the organisation does not have. */
export async function reinstallStarterDictionaries(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
): Promise<StarterResult> {
  requireManage(p);
  return change(app, p.orgId, (trx) => installStarterDictionaries(app, trx, p.orgId, actx));
}
