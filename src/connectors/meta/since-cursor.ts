// The polling cursor for Graph comments. Graph has no "comments since" query for a whole account, so the
// cursor is ours: the newest created time seen (epoch ms; Graph times have one-second resolution) and the
// ids seen at that instant, so a comment posted in the same second as the last one is neither lost nor repeated.
// Encoded as base64url JSON so callers treat it as opaque.

interface CursorState {
  since: number;
  seen: string[];
}

export class SinceCursor {
  private readonly since: number;
  private readonly seenAtSince: ReadonlySet<string>;
  private newest: number;
  private seenAtNewest: Set<string>;

  constructor(cursor: string | null) {
    const state = decode(cursor);
    this.since = state.since;
    this.seenAtSince = new Set(state.seen);
    this.newest = state.since;
    this.seenAtNewest = new Set(state.seen);
  }

  /** True when the item was not delivered by an earlier poll; records it for the next cursor. */
  admit(id: string, at: number): boolean {
    if (at < this.since || (at === this.since && this.seenAtSince.has(id))) return false;
    if (at > this.newest) [this.newest, this.seenAtNewest] = [at, new Set()];
    if (at === this.newest) this.seenAtNewest.add(id);
    return true;
  }

  /** True when the item is older than the cursor (a newest-first listing can stop there). */
  isOlder(at: number): boolean {
    return at < this.since;
  }

  encode(): string {
    const state: CursorState = { since: this.newest, seen: [...this.seenAtNewest].sort() };
    return Buffer.from(JSON.stringify(state)).toString('base64url');
  }
}

function decode(cursor: string | null): CursorState {
  if (!cursor) return { since: 0, seen: [] };
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
    if (typeof c.since === 'number' && Array.isArray(c.seen)) return c;
  } catch {}
  return { since: 0, seen: [] };
}
