// Kept free of heavy imports: main.ts loads this for every command, before the command itself.
import { ConfigError } from '../config/config.js';
import { AppError } from '../http/errors.js';

export class UsageError extends Error {}

/** Turns known errors into one line a person can act on; anything else too, but never a stack trace. */
export function explain(err: unknown): { message: string; code: number } {
  if (err instanceof UsageError) return { message: `${err.message}\nRun with --help for usage.`, code: 2 };
  if (err instanceof ConfigError) return { message: `Configuration error: ${err.message}`, code: 2 };
  if (err instanceof AppError) return { message: `${err.message} (${err.code})`, code: 1 };
  return { message: `Error: ${(err as Error)?.message ?? String(err)}`, code: 1 };
}
