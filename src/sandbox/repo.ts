// Sandbox storage. Post ids sort by creation time (base-36 ms + a per-process counter + randomness), so a
// cursor is simply the last id seen. Two processes writing in the same millisecond may interleave, which a
// training network can live with.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { SandboxPostTable, SandboxUserTable } from '../db/schema.js';
import { newId, randomToken, sha256 } from '../ids.js';

export const PAGE_SIZE = 50;
export const TOKEN_PREFIX = 'sbx_';
export const HANDLE_PATTERN = '^[a-z0-9_]{2,30}$';
export const ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

let counter = 0;
export function newPostId(now = Date.now()): string {
  counter = (counter + 1) % 36 ** 4;
  return `${now.toString(36).padStart(9, '0')}${counter.toString(36).padStart(4, '0')}${randomBytes(4).toString('hex')}`;
}

export type SandboxUser = SandboxUserTable;
export type SandboxPostRow = SandboxPostTable & { author_handle: string; author_name: string };

export async function insertUser(
  db: Db,
  input: { handle: string; displayName: string; kind: SandboxUser['kind'] },
  now = Date.now(),
): Promise<SandboxUser> {
  const row: SandboxUser = {
    id: newId(),
    handle: input.handle,
    display_name: input.displayName,
    kind: input.kind,
    created_at: now,
  };
  await db.insertInto('sandbox_user').values(row).execute();
  return row;
}

/** Issues a new API token for the user; only its hash is stored. */
export async function issueToken(db: Db, userId: string, now = Date.now()): Promise<string> {
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  await db
    .insertInto('sandbox_token')
    .values({ token_hash: sha256(token), user_id: userId, created_at: now })
    .execute();
  return token;
}

export async function userByToken(db: Db, token: string): Promise<SandboxUser | null> {
  const row = await db
    .selectFrom('sandbox_token')
    .innerJoin('sandbox_user', 'sandbox_user.id', 'sandbox_token.user_id')
    .selectAll('sandbox_user')
    .where('sandbox_token.token_hash', '=', sha256(token))
    .executeTakeFirst();
  return row ?? null;
}

export async function userByHandle(db: Db, handle: string): Promise<SandboxUser | null> {
  return (
    (await db.selectFrom('sandbox_user').selectAll().where('handle', '=', handle).executeTakeFirst()) ?? null
  );
}

export async function userById(db: Db, id: string): Promise<SandboxUser | null> {
  return (await db.selectFrom('sandbox_user').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

const posts = (db: Db) =>
  db
    .selectFrom('sandbox_post')
    .innerJoin('sandbox_user', 'sandbox_user.id', 'sandbox_post.author_id')
    .selectAll('sandbox_post')
    .select(['sandbox_user.handle as author_handle', 'sandbox_user.display_name as author_name']);

export async function postById(db: Db, id: string): Promise<SandboxPostRow | null> {
  const row = await posts(db).where('sandbox_post.id', '=', id).executeTakeFirst();
  return row ? normalise(row) : null;
}

export async function insertPost(
  db: Db,
  input: { authorId: string; text: string; replyTo: SandboxPostTable | null },
  now = Date.now(),
): Promise<string> {
  const id = newPostId(now);
  await db
    .insertInto('sandbox_post')
    .values({
      id,
      author_id: input.authorId,
      text: input.text,
      reply_to_id: input.replyTo?.id ?? null,
      root_id: input.replyTo ? (input.replyTo.root_id ?? input.replyTo.id) : null,
      hidden: 0,
      deleted_at: null,
      created_at: now,
    })
    .execute();
  return id;
}

/**
 * A page in id order: after the cursor, or (no cursor) the newest PAGE_SIZE. Always returned oldest first,
 * so the last item's id is the next cursor.
 */
async function page(
  build: (q: ReturnType<typeof posts>) => ReturnType<typeof posts>,
  db: Db,
  cursor: string | null,
): Promise<SandboxPostRow[]> {
  const q = build(posts(db).where('sandbox_post.deleted_at', 'is', null));
  const rows = cursor
    ? await q
        .where('sandbox_post.id', '>', cursor)
        .orderBy('sandbox_post.id', 'asc')
        .limit(PAGE_SIZE)
        .execute()
    : (await q.orderBy('sandbox_post.id', 'desc').limit(PAGE_SIZE).execute()).reverse();
  return rows.map(normalise);
}

export function postsByAuthor(db: Db, authorId: string, cursor: string | null): Promise<SandboxPostRow[]> {
  return page((q) => q.where('sandbox_post.author_id', '=', authorId), db, cursor);
}

/** Replies to the user's posts and posts mentioning @handle, by others. */
export function inboxOf(db: Db, user: SandboxUser, cursor: string | null): Promise<SandboxPostRow[]> {
  const mine = db.selectFrom('sandbox_post').select('id').where('author_id', '=', user.id);
  return page(
    (q) =>
      q
        .where('sandbox_post.author_id', '!=', user.id)
        .where((eb) =>
          eb.or([
            eb('sandbox_post.reply_to_id', 'in', mine),
            eb(sql`lower(sandbox_post.text)`, 'like', `%@${user.handle}%`),
          ]),
        ),
    db,
    cursor,
  );
}

/** post id → author id, for the given posts (deleted ones included). */
export async function authorsOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sandbox_post')
    .select(['id', 'author_id'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.author_id]));
}

export async function isBlocked(db: Db, userId: string, blockedUserId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sandbox_block')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('blocked_user_id', '=', blockedUserId)
    .executeTakeFirst();
  return Boolean(row);
}

/** Recent top-level posts of official accounts: what the simulator replies to. */
export async function recentOfficialPosts(db: Db, since: number, limit = 20): Promise<SandboxPostRow[]> {
  const rows = await posts(db)
    .where('sandbox_user.kind', '=', 'official')
    .where('sandbox_post.reply_to_id', 'is', null)
    .where('sandbox_post.deleted_at', 'is', null)
    .where('sandbox_post.created_at', '>=', since)
    .orderBy('sandbox_post.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(normalise);
}

/** The public view: recent top-level posts and every reply in their threads, deleted ones left out. */
export async function publicTimeline(
  db: Db,
  limit = 30,
): Promise<{ roots: SandboxPostRow[]; replies: SandboxPostRow[] }> {
  const roots = (
    await posts(db)
      .where('sandbox_post.reply_to_id', 'is', null)
      .where('sandbox_post.deleted_at', 'is', null)
      .orderBy('sandbox_post.id', 'desc')
      .limit(limit)
      .execute()
  ).map(normalise);
  if (roots.length === 0) return { roots, replies: [] };
  const replies = (
    await posts(db)
      .where(
        'sandbox_post.root_id',
        'in',
        roots.map((r) => r.id),
      )
      .where('sandbox_post.deleted_at', 'is', null)
      .orderBy('sandbox_post.id', 'asc')
      .limit(2000)
      .execute()
  ).map(normalise);
  return { roots, replies };
}

// PostgreSQL returns bigint columns as strings.
function normalise<T extends SandboxPostTable>(row: T): T {
  return {
    ...row,
    hidden: Number(row.hidden),
    created_at: Number(row.created_at),
    deleted_at: row.deleted_at === null ? null : Number(row.deleted_at),
  };
}
