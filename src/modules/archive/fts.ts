// Full-text conditions per dialect. User text never reaches MATCH/tsquery syntax: it is reduced to word
// tokens, each quoted, all required (AND), so operators and quotes in a query cannot break or widen it.
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { DatabaseKind } from '../../db/database.js';
import { badRequest } from '../../http/errors.js';

export function queryTokens(q: string): string[] {
  const tokens = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (tokens.length === 0)
    throw badRequest('bad_query', 'The search query needs at least one word or number.');
  if (tokens.length > 16) throw badRequest('bad_query', 'The search query may have at most 16 words.');
  return tokens;
}

/** rowid-or-id condition: inbound_item rows whose text matches every token. */
export function inboundTextMatch(kind: DatabaseKind, tokens: string[]): RawBuilder<boolean> {
  if (kind === 'postgres')
    return sql<boolean>`to_tsvector('simple', inbound_item.text) @@ to_tsquery('simple', ${tokens.join(' & ')})`;
  return sql<boolean>`inbound_item.rowid in (select rowid from inbound_item_fts where inbound_item_fts match ${ftsPhrase(tokens)})`;
}

/** PostgreSQL: the text expression matches every token (the same condition the GIN index serves). */
export function tsMatch(text: Expression<string>, tokens: string[]): RawBuilder<boolean> {
  return sql<boolean>`to_tsvector('simple', ${text}) @@ to_tsquery('simple', ${tokens.join(' & ')})`;
}

/** Posts any of whose revisions (the archive keeps edits) matches every token. */
export function postTextMatch(kind: DatabaseKind, tokens: string[]): RawBuilder<boolean> {
  if (kind === 'postgres')
    return sql<boolean>`post.id in (select post_id from post_revision where to_tsvector('simple', post_revision.text) @@ to_tsquery('simple', ${tokens.join(' & ')}))`;
  return sql<boolean>`post.id in (select post_id from post_revision where rowid in (select rowid from post_revision_fts where post_revision_fts match ${ftsPhrase(tokens)}))`;
}

export const ftsPhrase = (tokens: string[]): string => tokens.map((t) => `"${t}"`).join(' ');

/** Same semantics in JS, for legal-hold scopes evaluated against one item's texts. */
export function textMatches(tokens: string[], texts: string[]): boolean {
  const words = new Set(texts.flatMap((t) => t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []));
  return tokens.every((t) => words.has(t));
}
