// Idempotency-Key support for the Sandbox API's post creation, like Mastodon's: a second create by the same
// author with the same key returns the first post instead of making another one. Keys are kept for good (a
// training network is small), so a publish retried long after a crash still finds its post.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { postById, type SandboxPostRow, type SandboxUser } from './repo.js';
import { createPost } from './service.js';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9:_.-]{1,128}$/;

/** Reads and checks the Idempotency-Key header; undefined when the client sent none. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key))
    throw new AppError(
      400,
      'invalid_idempotency_key',
      'Idempotency-Key must be 1–128 letters, digits or any of : _ . -',
    );
  return key;
}

async function postForKey(db: Kysely<Database>, authorId: string, key: string) {
  const row = await db
    .selectFrom('sandbox_idempotency')
    .select('post_id')
    .where('author_id', '=', authorId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? postById(db, row.post_id) : null;
}

/** Creates the post, or returns the one an earlier create with this key made (replayed = true). */
export async function createPostOnce(
  db: Kysely<Database>,
  author: SandboxUser,
  input: { text: string; replyToId?: string | null },
  key: string,
): Promise<{ post: SandboxPostRow; replayed: boolean }> {
  const seen = await postForKey(db, author.id, key);
  if (seen) return { post: seen, replayed: true };
  try {
    const post = await db.transaction().execute(async (trx) => {
      const created = await createPost(trx, author, input);
      await trx
        .insertInto('sandbox_idempotency')
        .values({ author_id: author.id, idempotency_key: key, post_id: created.id, created_at: Date.now() })
        .execute();
      return created;
    });
    return { post, replayed: false };
  } catch (err) {
    // Two creates with one key at the same moment: the loser's insert hits the primary key and rolls back.
    const winner = await postForKey(db, author.id, key);
    if (winner) return { post: winner, replayed: true };
    throw err;
  }
}
