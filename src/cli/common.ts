import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config/config.js';
import { readRawSettings } from '../config/env.js';
import { type AppContext, createAppContext } from '../context.js';

export { UsageError } from './explain.js';

import { UsageError } from './explain.js';

export interface Command {
  usage: string;
  run(args: string[]): Promise<number>;
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export const loadCliConfig = (): Config => loadConfig(readRawSettings());

/** Opens the app context for a one-off command; quiet logs so output stays readable. */
export async function withContext<T>(
  fn: (ctx: AppContext) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadCliConfig();
  const ctx = await createAppContext({ ...config, logLevel: 'warn' }, { migrate: options.migrate ?? true });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

export function requireOption(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}
