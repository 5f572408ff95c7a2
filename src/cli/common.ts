import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { readRawSettings } from '../config/env.js';
import { type AppContext, createAppContext } from '../context.js';
import { AppError } from '../http/errors.js';

export class UsageError extends Error {}

export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export const loadCliConfig = (): Config => loadConfig(readRawSettings());

/** Opens the app context for a one-off command; quiet logs so output stays readable. */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const config = loadCliConfig();
  const ctx = await createAppContext({ ...config, logLevel: 'warn' }, { migrate: options.migrate ?? true });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** Turns known errors into one line a person can act on; anything else too, but never a stack trace. */
export function explain(err: unknown): { message: string; code: number } {
  if (err instanceof UsageError) return { message: `${err.message}\nRun with --help for usage.`, code: 2 };
  if (err instanceof ConfigError) return { message: `Configuration error: ${err.message}`, code: 2 };
  if (err instanceof AppError) return { message: `${err.message} (${err.code})`, code: 1 };
  return { message: `Error: ${(err as Error)?.message ?? String(err)}`, code: 1 };
}

export function requireOption(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}
