// Reading dictionaries: lists, versions, diffs, export, "try it" and per-term counters.
import type { AppContext } from '../../context.js';
import { forbidden, notFound } from '../../http/errors.js';
import { compileDictionaries, type Dictionary } from '../../rules/index.js';
import { policy } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';
import { diffDictionaries } from './diff.js';
import { getActiveMatcher } from './matcher-cache.js';
import {
  currentVersionNumber,
  currentVersionRows,
  type DictionaryRow,
  findDictionary,
  findVersion,
  listDictionaryRows,
  listVersionRows,
  type VersionRow,
} from './repo.js';
import { termStatsOf } from './term-stats.js';
import { parseOrReject } from './versions.js';
import { toSummary, toVersion, toVersionDetail } from './views.js';

async function viewable(app: AppContext, p: Principal, id: string): Promise<DictionaryRow> {
  if (!policy.viewDictionaries(p)) throw forbidden();
  const d = await findDictionary(app.db, p.orgId, id);
  if (!d) throw notFound('Dictionary');
  return d;
}

async function versionOf(app: AppContext, d: DictionaryRow, version: number): Promise<VersionRow> {
  const v = await findVersion(app.db, d.org_id, d.id, version);
  if (!v) throw notFound(`Version ${version}`);
  return v;
}

export async function listDictionaries(app: AppContext, p: Principal, includeArchived: boolean) {
  if (!policy.viewDictionaries(p)) throw forbidden();
  const rows = await listDictionaryRows(app.db, p.orgId, includeArchived);
  const current = await currentVersionRows(app.db, p.orgId, rows);
  return rows.map((d) => toSummary(d, current.get(d.id)));
}

export async function getDictionary(app: AppContext, p: Principal, id: string) {
  const d = await viewable(app, p, id);
  const v = await versionOf(app, d, currentVersionNumber(d));
  return { dictionary: toSummary(d, v), version: toVersionDetail(d, v) };
}

export async function listVersions(app: AppContext, p: Principal, id: string) {
  const d = await viewable(app, p, id);
  return (await listVersionRows(app.db, p.orgId, id)).map((v) => toVersion(d, v));
}

export async function getVersion(app: AppContext, p: Principal, id: string, version: number) {
  const d = await viewable(app, p, id);
  return toVersionDetail(d, await versionOf(app, d, version));
}

export async function diffVersions(app: AppContext, p: Principal, id: string, from: number, to: number) {
  const d = await viewable(app, p, id);
  const [a, b] = [await versionOf(app, d, from), await versionOf(app, d, to)];
  return { from, to, ...diffDictionaries(parseOrReject(a.yaml, d.name), parseOrReject(b.yaml, d.name)) };
}

/** The YAML exactly as saved: the active version unless another is asked for, else the latest. */
export async function exportDictionary(app: AppContext, p: Principal, id: string, version?: number) {
  const d = await viewable(app, p, id);
  const v = await versionOf(app, d, version ?? currentVersionNumber(d));
  const fileName = `${d.name.replace(/[^\w.-]+/g, '_') || 'dictionary'}-v${v.version}.yaml`;
  return { fileName, yaml: v.yaml };
}

/**
 * Runs a text through the organisation's live matcher, or through the LATEST versions of the given
 * dictionaries (to try an edit before activating it). Each match carries the substring it covers.
 */
export async function tryDictionaries(
  app: AppContext,
  p: Principal,
  input: { text: string; dictionaryIds?: string[] },
) {
  if (!policy.viewDictionaries(p)) throw forbidden();
  let matcher: {
    match(
      text: string,
    ): Array<{ dictionary: string; category: string; term: string; start: number; end: number }>;
  };
  const idByName = new Map<string, string>();
  if (input.dictionaryIds === undefined) {
    const active = await getActiveMatcher(app, p.orgId);
    for (const [name, info] of active.dictionaries) idByName.set(name, info.id);
    matcher = active;
  } else {
    const dicts: Dictionary[] = [];
    for (const id of new Set(input.dictionaryIds)) {
      const d = await findDictionary(app.db, p.orgId, id);
      if (!d) throw notFound(`Dictionary ${id}`);
      const v = await versionOf(app, d, d.latest_version);
      dicts.push({ ...parseOrReject(v.yaml, d.name), name: d.name });
      idByName.set(d.name, d.id);
    }
    matcher = compileDictionaries(dicts);
  }
  const matches = matcher.match(input.text).map((m) => ({
    dictionaryId: idByName.get(m.dictionary) ?? '',
    dictionary: m.dictionary,
    category: m.category,
    term: m.term,
    start: m.start,
    end: m.end,
    matched: input.text.slice(m.start, m.end),
  }));
  return { matches };
}

/** Every term and pattern of the current version with its counters, then counted terms since removed. */
export async function dictionaryTermStats(app: AppContext, p: Principal, id: string) {
  const d = await viewable(app, p, id);
  const v = await versionOf(app, d, currentVersionNumber(d));
  const dict = parseOrReject(v.yaml, d.name);
  const stats = await termStatsOf(app.db, p.orgId, id);
  const zero = { matches: 0, decisionsConfirmed: 0, decisionsRejected: 0, precision: null };
  const listed = [
    ...dict.terms.map((term) => ({ term, kind: 'term' as const })),
    ...dict.patterns.map((pat) => ({ term: pat.name, kind: 'pattern' as const })),
  ];
  const seen = new Set(listed.map((t) => t.term));
  const terms = [
    ...listed.map((t) => ({ ...t, inCurrentVersion: true, ...zero, ...stats.get(t.term), term: t.term })),
    ...[...stats.values()]
      .filter((s) => !seen.has(s.term))
      .map((s) => ({ ...s, kind: 'term' as const, inCurrentVersion: false })),
  ];
  return { dictionaryId: id, version: Number(v.version), terms };
}
