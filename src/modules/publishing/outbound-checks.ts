// Outbound checks: the organisation's active dictionaries whose action is block_publish, require_approval
// or warn, run over a post's text. (Owned by the publishing compose work; the body is filled in there.)
import type { AppContext } from '../../context.js';

export interface OutboundMatch {
  dictionary: string;
  category: string;
  term: string;
  action: 'block_publish' | 'require_approval' | 'warn';
  start: number;
  end: number;
}

export interface OutboundCheck {
  verdict: 'ok' | 'warn' | 'require_approval' | 'block';
  matches: OutboundMatch[];
}

export async function checkOutbound(
  _app: Pick<AppContext, 'db' | 'logger'>,
  _orgId: string,
  _text: string,
): Promise<OutboundCheck> {
  throw new Error('checkOutbound: not implemented yet');
}
