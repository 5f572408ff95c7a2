// Errors of the compose flow that carry details the author needs to fix the post: the platform limits
// broken, or the outbound dictionary matches (with spans, so the dashboard can highlight them).
import { AppError } from '../../http/errors.js';
import type { OutboundMatch } from './outbound-checks.js';
import type { LimitProblem } from './platform-limits.js';

export interface ComposeErrorDetails {
  problems?: LimitProblem[];
  matches?: OutboundMatch[];
}

export class ComposeError extends AppError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: ComposeErrorDetails,
  ) {
    super(status, code, message);
  }
}

export const platformLimitsError = (problems: LimitProblem[]): ComposeError =>
  new ComposeError(400, 'platform_limits', problems.map((p) => p.message).join(' '), { problems });

export const outboundBlockedError = (matches: OutboundMatch[]): ComposeError => {
  const blocking = matches.filter((m) => m.action === 'block_publish');
  const terms = [...new Set(blocking.map((m) => `"${m.term}" (${m.dictionary})`))].join(', ');
  return new ComposeError(
    422,
    'outbound_blocked',
    `This text cannot be published: it contains ${terms}. Remove or reword it and try again.`,
    { matches },
  );
};
