// Archive fixtures: an account owned by a team, posts (one edited, one deleted) and inbound items moved through
// the real moderation event log (hidden, deleted, blocked), so statuses are the reducer's.
import { newId } from '../../src/ids.js';
import { systemContext } from '../../src/modules/audit/actor.js';
import { appendModerationEvent } from '../../src/modules/moderation/event-log.js';
import type { TestApp } from './app.js';
import { seedPost } from './publish-fixtures.js';
import { insertAccount, insertItem } from './review-fixtures.js';

export const DAY = 86_400_000;

export async function insertTeam(t: TestApp, orgId: string, name = 'North'): Promise<string> {
  const id = newId();
  await t.ctx.db
    .insertInto('team')
    .values({ id, org_id: orgId, parent_id: null, name, kind: 'team', created_at: Date.now() })
    .execute();
  return id;
}

export async function act(
  t: TestApp,
  orgId: string,
  itemId: string,
  action: 'hide' | 'delete' | 'block',
  at = Date.now(),
) {
  await t.ctx.db
    .transaction()
    .execute((trx) =>
      appendModerationEvent(
        t.ctx,
        trx,
        { id: itemId, org_id: orgId },
        systemContext('test'),
        { type: 'action_succeeded', action, detail: {} },
        at,
      ),
    );
}

/** Edits a post as compose-edit does: a new revision row and the post's text. */
export async function editPost(t: TestApp, orgId: string, postId: string, authorId: string, text: string) {
  const now = Date.now();
  await t.ctx.db
    .insertInto('post_revision')
    .values({ post_id: postId, org_id: orgId, revision: 2, text, edited_by: authorId, created_at: now })
    .execute();
  await t.ctx.db
    .updateTable('post')
    .set({ text, revision: 2, updated_at: now })
    .where('id', '=', postId)
    .execute();
}

const spam = [{ dictionary: 'spam', category: 'spam', term: 'crypto', start: 0, end: 6 }];
const abuse = [{ dictionary: 'abuse', category: 'abuse', term: 'scumbag', start: 0, end: 7 }];

export interface ArchiveSeed {
  accountId: string;
  otherAccountId: string;
  teamId: string;
  authorId: string;
  posts: { edited: string; deleted: string; plain: string };
  items: {
    hidden: string;
    deleted: string;
    blocked: string;
    oldSpam: string;
    oldAbuse: string;
    clear: string;
  };
}

export async function seedArchive(t: TestApp, orgId: string, authorId: string): Promise<ArchiveSeed> {
  const teamId = await insertTeam(t, orgId);
  const accountId = await insertAccount(t, orgId, { ownerTeamId: teamId });
  const otherAccountId = await insertAccount(t, orgId);
  const edited = await seedPost(t, {
    orgId,
    accountId,
    authorId,
    status: 'published',
    text: 'Original wording about the carnival parade',
  });
  await editPost(t, orgId, edited, authorId, 'Corrected notice about the festival');
  const deleted = await seedPost(t, {
    orgId,
    accountId,
    authorId,
    status: 'deleted',
    text: 'Mistaken appeal about a missing bicycle',
  });
  const plain = await seedPost(t, {
    orgId,
    accountId: otherAccountId,
    authorId,
    status: 'published',
    text: 'Neighbourhood surgery on Tuesday',
  });
  const now = Date.now();
  const hidden = await insertItem(t, orgId, accountId, {
    text: 'you absolute scumbag officer',
    authorHandle: 'angry.example',
    matches: abuse,
    notQueued: true,
  });
  await act(t, orgId, hidden, 'hide');
  const deletedItem = await insertItem(t, orgId, accountId, {
    text: 'buy crypto now at spamsite',
    authorHandle: 'spammer.example',
    matches: spam,
    notQueued: true,
  });
  await act(t, orgId, deletedItem, 'delete');
  const blocked = await insertItem(t, orgId, otherAccountId, {
    text: 'scumbag again and again',
    authorHandle: 'angry.example',
    matches: abuse,
    notQueued: true,
  });
  await act(t, orgId, blocked, 'block');
  const oldSpam = await insertItem(t, orgId, accountId, {
    text: 'ancient crypto giveaway',
    authorHandle: 'old.spammer',
    matches: spam,
    receivedAt: now - 100 * DAY,
    notQueued: true,
  });
  const oldAbuse = await insertItem(t, orgId, accountId, {
    text: 'ancient scumbag insult',
    authorHandle: 'old.abuser',
    matches: abuse,
    receivedAt: now - 100 * DAY,
    notQueued: true,
  });
  const clear = await insertItem(t, orgId, otherAccountId, {
    text: 'thanks for the festival update',
    authorHandle: 'fan.example',
    matches: [],
    notQueued: true,
  });
  return {
    accountId,
    otherAccountId,
    teamId,
    authorId,
    posts: { edited, deleted, plain },
    items: { hidden, deleted: deletedItem, blocked, oldSpam, oldAbuse, clear },
  };
}
