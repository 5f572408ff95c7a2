// Spam and flood signals for one freshly stored item: many messages from one author in a short window, the same
// normalized text from many authors, link-heavy messages. Two indexed grouped reads per batch (inbound_item by
// author, inbound_fingerprint by text); the thresholds are the organisation's settings.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import type { NewAlert } from '../alerts/raise.js';
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

/** Inputs of one batch in order. The counts cover what is stored before the batch plus the batch's own earlier
 * items, as if stored one by one. Stored rows are counted over the batch's whole time span (its first receipt
 * minus the window to its last receipt): a batch spans milliseconds against windows of minutes. */
export async function checkFloodBatch(db: Db, orgId: string, items: Item[], s: FloodSettings) {
  const fingerprints = items.map((item) => {
    const normalized = normalizeForFingerprint(item.text);
    return normalized.length >= MIN_FINGERPRINT_CHARS
      ? createHash('sha256').update(normalized).digest('hex')
      : null;
  });
  const times = items.map((i) => Number(i.received_at));
  const [minR, maxR] = [Math.min(...times), Math.max(...times)];
  const authors = [...new Set(items.map((i) => i.author_platform_id))];
  const stored = await db
    .selectFrom('inbound_item')
    .select((eb) => ['author_platform_id', eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('author_platform_id', 'in', authors)
    .where('received_at', '>', minR - s.authorWindowMinutes * 60_000)
    .where('received_at', '<=', maxR)
    .groupBy('author_platform_id')
    .execute();
  const byAuthor = new Map(stored.map((r) => [r.author_platform_id, Number(r.n)]));
  const fps = [...new Set(fingerprints.filter((f): f is string => f !== null))];
  const copies = new Map<string, Set<string>>();
  if (fps.length > 0)
    for (const r of await db
      .selectFrom('inbound_fingerprint')
      .select(['fingerprint', 'author_platform_id'])
      .where('org_id', '=', orgId)
      .where('fingerprint', 'in', fps)
      .where('received_at', '>', minR - s.duplicateWindowMinutes * 60_000)
      .where('received_at', '<=', maxR)
      .groupBy(['fingerprint', 'author_platform_id'])
      .execute())
      copies.set(r.fingerprint, (copies.get(r.fingerprint) ?? new Set()).add(r.author_platform_id));
  return items.map((item, k) => {
    const n = (byAuthor.get(item.author_platform_id) ?? 0) + 1;
    byAuthor.set(item.author_platform_id, n);
    const fp = fingerprints[k] ?? null;
    if (fp) copies.set(fp, (copies.get(fp) ?? new Set()).add(item.author_platform_id));
    return { ...floodSignals(item, s, n, fp, fp ? (copies.get(fp)?.size ?? 0) : 0), fingerprint: fp };
  });
}

function floodSignals(item: Item, s: FloodSettings, byAuthor: number, fp: string | null, copies: number) {
  const signals: SpamSignal[] = [];
  const detail: Record<string, unknown> = {};
  if (byAuthor > s.authorMaxMessages) {
    signals.push({ category: 'flood', severity: 'medium' });
    detail.authorMessages = byAuthor;
  }
  if (fp && copies >= s.duplicateMinAuthors) {
    signals.push({ category: 'duplicate_text', severity: 'medium' });
    detail.duplicateAuthors = copies;
    detail.fingerprint = fp.slice(0, 16);
  }
  const links = countLinks(item.text);
  if (links > s.maxLinks) {
    signals.push({ category: 'link_spam', severity: 'low' });
    detail.links = links;
  }
  return { signals, detail } satisfies FloodResult;
}

/** One 'inbound.flood' alert per kind and subject per window, however many items trip it (dedupeKey). */
export function floodAlerts(item: Item, s: FloodSettings, result: FloodResult): NewAlert[] {
  if (!s.alert) return [];
  const alerts: NewAlert[] = [];
  for (const sig of result.signals) {
    if (sig.category === 'link_spam') continue; // one link-heavy message is not a spike
    const byAuthor = sig.category === 'flood';
    const windowMs = (byAuthor ? s.authorWindowMinutes : s.duplicateWindowMinutes) * 60_000;
    const subject = byAuthor ? item.author_platform_id : String(result.detail.fingerprint);
    const bucket = Math.floor(item.received_at / windowMs);
    alerts.push({
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
  return alerts;
}
