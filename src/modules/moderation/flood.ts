// Spam and flood signals for one freshly stored item: many messages from one author in a short window, the same
// normalized text from many authors, link-heavy messages. Two indexed counts per item (inbound_item by author,
// inbound_fingerprint by text); the thresholds are the organisation's settings.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { raiseAlert } from '../alerts/raise.js';
import type { SpamSignal } from './decide.js';
import type { FloodSettings } from './settings.js';

const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;
/** Shorter texts ("thank you!") repeat innocently; only longer ones count as copies. */
const MIN_FINGERPRINT_CHARS = 20;

/** Case, accents, @mentions, punctuation and spacing removed: copy-paste campaigns vary exactly these. */
export function normalizeForFingerprint(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/@[\w.-]+/g, ' ')
    .replace(/[^\p{L}\p{N}:/.]+/gu, ' ')
    .trim();
}

export const countLinks = (text: string): number => text.match(URL_RE)?.length ?? 0;

type Item = Pick<
  InboundItemTable,
  'id' | 'org_id' | 'account_id' | 'author_platform_id' | 'author_handle' | 'text' | 'received_at'
>;

export interface FloodResult {
  signals: SpamSignal[];
  detail: Record<string, unknown>;
}

export async function checkFlood(db: Db, item: Item, s: FloodSettings): Promise<FloodResult> {
  const signals: SpamSignal[] = [];
  const detail: Record<string, unknown> = {};
  const normalized = normalizeForFingerprint(item.text);
  const fingerprint =
    normalized.length >= MIN_FINGERPRINT_CHARS ? createHash('sha256').update(normalized).digest('hex') : null;
  if (fingerprint)
    await db
      .insertInto('inbound_fingerprint')
      .values({
        item_id: item.id,
        org_id: item.org_id,
        fingerprint,
        author_platform_id: item.author_platform_id,
        received_at: item.received_at,
      })
      .onConflict((oc) => oc.column('item_id').doNothing())
      .execute();
  // Both counts in one round trip: this runs for every item ingested.
  const counts = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('inbound_item')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .where('org_id', '=', item.org_id)
        .where('author_platform_id', '=', item.author_platform_id)
        .where('received_at', '>', item.received_at - s.authorWindowMinutes * 60_000)
        .where('received_at', '<=', item.received_at)
        .as('by_author'),
      eb
        .selectFrom('inbound_fingerprint')
        .select((sub) => sub.fn.count<number>('author_platform_id').distinct().as('n'))
        .where('org_id', '=', item.org_id)
        .where('fingerprint', '=', fingerprint ?? '')
        .where('received_at', '>', item.received_at - s.duplicateWindowMinutes * 60_000)
        .where('received_at', '<=', item.received_at)
        .as('copies'),
    ])
    .executeTakeFirstOrThrow();
  const byAuthor = Number(counts.by_author);
  if (byAuthor > s.authorMaxMessages) {
    signals.push({ category: 'flood', severity: 'medium' });
    detail.authorMessages = byAuthor;
  }
  const copies = fingerprint ? Number(counts.copies) : 0;
  if (fingerprint && copies >= s.duplicateMinAuthors) {
    signals.push({ category: 'duplicate_text', severity: 'medium' });
    detail.duplicateAuthors = copies;
    detail.fingerprint = fingerprint.slice(0, 16);
  }
  const links = countLinks(item.text);
  if (links > s.maxLinks) {
    signals.push({ category: 'link_spam', severity: 'low' });
    detail.links = links;
  }
  return { signals, detail };
}

/** One 'inbound.flood' alert per kind and subject per window, however many items trip it. */
export async function alertFlood(db: Db, item: Item, s: FloodSettings, result: FloodResult): Promise<void> {
  if (!s.alert) return;
  for (const sig of result.signals) {
    if (sig.category === 'link_spam') continue; // one link-heavy message is not a spike
    const byAuthor = sig.category === 'flood';
    const windowMs = (byAuthor ? s.authorWindowMinutes : s.duplicateWindowMinutes) * 60_000;
    const subject = byAuthor ? item.author_platform_id : String(result.detail.fingerprint);
    const bucket = Math.floor(item.received_at / windowMs);
    await raiseAlert(db, {
      orgId: item.org_id,
      kind: 'inbound.flood',
      severity: 'warning',
      accountId: item.account_id,
      subject: { type: 'inbound_item', id: item.id },
      summary: byAuthor
        ? `Flood: ${result.detail.authorMessages} messages from ${item.author_handle} in ${s.authorWindowMinutes} min`
        : `The same text from ${result.detail.duplicateAuthors} authors in ${s.duplicateWindowMinutes} min`,
      detail: { signal: sig.category, ...result.detail },
      dedupeKey: `inbound.flood:${sig.category}:${subject}:${bucket}`,
    });
  }
}
