// The compiled matcher of each organisation's active dictionaries, for inbound and outbound checks.
// Compiling thousands of terms costs milliseconds, matching costs microseconds: compile once per change.
// Each call compares a one-query fingerprint of what is active, so an activation made by another process
// (scale-out mode) is picked up too; activations in this process also drop the entry at once.
import type { AppContext } from '../../context.js';
import {
  compileDictionaries,
  type Dictionary,
  DictionaryError,
  type Match,
  type Matcher,
  parseDictionaryYaml,
} from '../../rules/index.js';
import { activeSignature, activeVersionRows } from './repo.js';

export interface ActiveDictionary {
  id: string;
  name: string;
  version: number;
  category: string;
  action: Dictionary['action'];
  severity: Dictionary['severity'];
}

export interface ActiveMatcher extends Matcher {
  /** The dictionaries compiled in, by name (Match.dictionary). */
  dictionaries: Map<string, ActiveDictionary>;
}

/** `rootDb`: the app's database when `db` is a transaction (ingestion classifies inside one): keys the cache. */
type Ctx = Pick<AppContext, 'db' | 'logger'> & { rootDb?: object };
interface Entry {
  signature: string;
  matcher: Promise<ActiveMatcher>;
}

// Keyed by context so that several apps in one process (tests) never share entries.
const caches = new WeakMap<object, Map<string, Entry>>();
const cacheOf = (ctx: Ctx): Map<string, Entry> => {
  const key = ctx.rootDb ?? ctx.db;
  const cache = caches.get(key) ?? new Map<string, Entry>();
  caches.set(key, cache);
  return cache;
};

export function invalidateActiveMatcher(ctx: Ctx, orgId: string): void {
  cacheOf(ctx).delete(orgId);
}

export async function getActiveMatcher(ctx: Ctx, orgId: string): Promise<ActiveMatcher> {
  const cache = cacheOf(ctx);
  const signature = await activeSignature(ctx.db, orgId);
  const hit = cache.get(orgId);
  if (hit && hit.signature === signature) return hit.matcher;
  const matcher = compileActive(ctx, orgId);
  cache.set(orgId, { signature, matcher });
  matcher.catch(() => cache.get(orgId)?.matcher === matcher && cache.delete(orgId));
  return matcher;
}

async function compileActive(ctx: Ctx, orgId: string): Promise<ActiveMatcher> {
  const rows = await activeVersionRows(ctx.db, orgId);
  const dicts: Dictionary[] = [];
  const dictionaries = new Map<string, ActiveDictionary>();
  for (const row of rows) {
    let dict: Dictionary;
    try {
      // The dictionary's current name, not the one in the version's YAML: a rename applies to the live matcher.
      dict = { ...parseDictionaryYaml(row.yaml, row.name), name: row.name };
    } catch (err) {
      // One dictionary the engine no longer accepts must not stop all classification; it is logged loudly.
      if (!(err instanceof DictionaryError)) throw err;
      ctx.logger.error(
        { orgId, dictionaryId: row.id, problem: err.message },
        'active dictionary no longer parses; left out of the matcher',
      );
      continue;
    }
    dicts.push(dict);
    dictionaries.set(row.name, {
      id: row.id,
      name: row.name,
      version: Number(row.active_version),
      category: dict.category,
      action: dict.action,
      severity: dict.severity,
    });
  }
  const compiled = compileDictionaries(dicts);
  return {
    dictionaries,
    match: (text: string): Match[] => compiled.match(text),
    test: (text: string): boolean => compiled.test(text),
  };
}
