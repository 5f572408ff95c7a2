// The dictionaries shipped with Parapet (dictionaries/*.yaml at the repository root), installed into every
// new organisation as version 1 and activated, so monitoring works from the first minute.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { type Dictionary, parseDictionaryYaml } from '../../rules/index.js';
import type { ActionContext } from '../audit/actor.js';
import { findDictionaryByName } from './repo.js';
import { insertDictionary, testFailuresOf } from './versions.js';

export const STARTER_DIR = fileURLToPath(new URL('../../../dictionaries/', import.meta.url));

export interface StarterFile {
  file: string;
  yaml: string;
  dict: Dictionary;
}

/** Reads and parses the shipped files. A file that does not parse is a release bug: it throws, naming the file. */
export function readStarterDictionaries(dir = STARTER_DIR): StarterFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const yaml = readFileSync(path.join(dir, file), 'utf8');
      return { file, yaml, dict: parseDictionaryYaml(yaml, file) };
    });
}

export interface StarterResult {
  installed: string[];
  skipped: string[];
  notActivated: string[];
}

/**
 * Installs each starter dictionary the organisation does not have under that name (active, inactive or
 * archived: an archived one was put away on purpose and is not brought back). Runs in the caller's
 * transaction, so a new organisation and its dictionaries commit together. A starter whose own tests fail
 * is installed but left inactive rather than failing the organisation's creation; one that does not parse
 * at all is a release bug and throws (tested in test/dictionaries.test.ts).
 */
export async function installStarterDictionaries(
  ctx: Pick<AppContext, 'dbKind' | 'logger'>,
  db: Db,
  orgId: string,
  actx: ActionContext,
): Promise<StarterResult> {
  const result: StarterResult = { installed: [], skipped: [], notActivated: [] };
  for (const { dict, yaml } of readStarterDictionaries()) {
    if (await findDictionaryByName(db, orgId, dict.name)) {
      result.skipped.push(dict.name);
      continue;
    }
    const activate = testFailuresOf(dict).length === 0;
    if (!activate) {
      ctx.logger.warn({ orgId, dictionary: dict.name }, 'starter dictionary tests fail; installed inactive');
      result.notActivated.push(dict.name);
    }
    await insertDictionary(ctx, db, orgId, actx, { dict, yaml, source: 'starter', activate });
    result.installed.push(dict.name);
  }
  return result;
}
