// The only file that reads process.env. Everything else receives a validated Config.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './config.js';

export type RawSettings = Record<string, string | undefined>;

/** Environment variables, layered over an optional config file named by PARAPET_CONFIG (YAML or JSON). */
export function readRawSettings(env: NodeJS.ProcessEnv = process.env): RawSettings {
  const file = env.PARAPET_CONFIG;
  const fromFile: RawSettings = {};
  if (file) {
    let parsed: unknown;
    try {
      parsed = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError('PARAPET_CONFIG', `cannot read ${file}: ${(err as Error).message}`);
    }
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      throw new ConfigError('PARAPET_CONFIG', `${file} must hold a mapping of SETTING: value`);
    }
    for (const [key, value] of Object.entries(parsed ?? {})) {
      fromFile[key] = value === null || value === undefined ? undefined : String(value);
    }
  }
  return { ...fromFile, ...pickDefined(env) };
}

function pickDefined(env: NodeJS.ProcessEnv): RawSettings {
  const out: RawSettings = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}
