// Sandbox rules: who may post, reply, hide, delete, block and report. The same rules apply to calls through
// the sandbox API and to the simulator, so a blocked persona is refused either way.
import type { Db } from '../db/database.js';
import { AppError, conflict, forbidden, notFound } from '../http/errors.js';
import { newId } from '../ids.js';
import {
  insertPost,
  insertUser,
  isBlocked,
  issueToken,
  postById,
  type SandboxPostRow,
  type SandboxUser,
  userByHandle,
  userById,
} from './repo.js';

export const MAX_TEXT = 1000;

export interface SandboxPostView {
  id: string;
  author: { id: string; handle: string; display_name: string };
  text: string;
  reply_to_id: string | null;
  root_id: string | null;
  hidden: boolean;
  created_at: string;
}

export function toView(row: SandboxPostRow): SandboxPostView {
  return {
    id: row.id,
    author: { id: row.author_id, handle: row.author_handle, display_name: row.author_name },
    text: row.text,
    reply_to_id: row.reply_to_id,
    root_id: row.root_id,
    hidden: row.hidden === 1,
    created_at: new Date(row.created_at).toISOString(),
  };
}

/** Creates a sandbox user with an API token; the token is returned once and stored only as a hash. */
export async function createSandboxUser(
  db: Db,
  input: { handle: string; displayName?: string; kind: SandboxUser['kind'] },
): Promise<{ user: SandboxUser; token: string }> {
  const handle = input.handle.toLowerCase();
  if (!/^[a-z0-9_]{2,30}$/.test(handle))
    throw new AppError(400, 'invalid_handle', 'A sandbox handle is 2–30 letters, digits or underscores.');
  if (await userByHandle(db, handle))
    throw conflict('handle_taken', `The sandbox handle @${handle} is taken.`);
  const user = await insertUser(db, { handle, displayName: input.displayName ?? handle, kind: input.kind });
  return { user, token: await issueToken(db, user.id) };
}

async function livePost(db: Db, id: string): Promise<SandboxPostRow> {
  const post = await postById(db, id);
  if (!post || post.deleted_at !== null) throw notFound('The post');
  return post;
}

/** Publishes a post or a reply. A reply is refused when the author of the post replied to blocked the writer. */
export async function createPost(
  db: Db,
  author: SandboxUser,
  input: { text: string; replyToId?: string | null },
  now = Date.now(),
): Promise<SandboxPostRow> {
  const text = input.text.trim();
  if (!text || text.length > MAX_TEXT)
    throw new AppError(400, 'invalid_text', `A post is 1–${MAX_TEXT} characters.`);
  const replyTo = input.replyToId ? await livePost(db, input.replyToId) : null;
  if (replyTo && (await isBlocked(db, replyTo.author_id, author.id)))
    throw new AppError(403, 'blocked', 'You cannot reply to this account.');
  const id = await insertPost(db, { authorId: author.id, text, replyTo }, now);
  return (await postById(db, id))!;
}

/**
 * The author may delete their own post; the owner of a thread may delete any reply in it, or the reply to one
 * of their posts (moderation). Deleted posts disappear from every list and the public view.
 */
export async function deletePost(db: Db, actor: SandboxUser, id: string, now = Date.now()): Promise<void> {
  const post = await livePost(db, id);
  if (post.author_id !== actor.id && !(await ownsThreadOf(db, actor, post)))
    throw forbidden('Not your post or thread.');
  await db.updateTable('sandbox_post').set({ deleted_at: now }).where('id', '=', id).execute();
}

/** Hides (or shows again) a reply to one of the actor's posts or in a thread the actor started. */
export async function setHidden(
  db: Db,
  actor: SandboxUser,
  id: string,
  hidden: boolean,
): Promise<SandboxPostRow> {
  const post = await livePost(db, id);
  if (!(await ownsThreadOf(db, actor, post))) throw forbidden('You can hide only replies to your own posts.');
  await db
    .updateTable('sandbox_post')
    .set({ hidden: hidden ? 1 : 0 })
    .where('id', '=', id)
    .execute();
  return (await postById(db, id))!;
}

async function ownsThreadOf(db: Db, actor: SandboxUser, post: SandboxPostRow): Promise<boolean> {
  if (post.reply_to_id === null || post.author_id === actor.id) return false;
  for (const parentId of new Set([post.reply_to_id, post.root_id])) {
    if (!parentId) continue;
    const parent = await postById(db, parentId);
    if (parent?.author_id === actor.id) return true;
  }
  return false;
}

export async function blockUser(db: Db, actor: SandboxUser, userId: string, now = Date.now()): Promise<void> {
  if (userId === actor.id) throw new AppError(400, 'invalid_block', 'You cannot block yourself.');
  if (!(await userById(db, userId))) throw notFound('The user');
  if (await isBlocked(db, actor.id, userId)) return;
  await db
    .insertInto('sandbox_block')
    .values({ user_id: actor.id, blocked_user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'blocked_user_id']).doNothing())
    .execute();
}

export async function reportPost(
  db: Db,
  actor: SandboxUser,
  input: { postId: string; userId: string; reason: string },
  now = Date.now(),
): Promise<string> {
  const post = await postById(db, input.postId);
  if (!post) throw notFound('The post');
  if (post.author_id !== input.userId)
    throw new AppError(400, 'invalid_report', 'The post is not by that user.');
  const id = newId();
  await db
    .insertInto('sandbox_report')
    .values({
      id,
      reporter_id: actor.id,
      post_id: post.id,
      reported_user_id: post.author_id,
      reason: input.reason,
      created_at: now,
    })
    .execute();
  return id;
}
