// An item's review state after a change, for the responses of claim/release/assign/decide/signoff.
import type { Db } from '../../db/database.js';
import { listItemEvents } from '../moderation/event-log.js';
import { reduceStatus } from '../moderation/status.js';
import { userRef } from './access.js';

export interface ItemStateView {
  id: string;
  status: string;
  assignedTo: { id: string; name: string } | null;
  /** The last closing decision (allow, hide, delete, block) or null while open. */
  decision: string | null;
  /** The action a pending sign-off is for, while status is awaiting_signoff. */
  signoffAction: string | null;
}

export async function itemState(db: Db, orgId: string, itemId: string): Promise<ItemStateView> {
  const item = await db
    .selectFrom('inbound_item')
    .select(['id', 'status', 'assigned_to'])
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .executeTakeFirstOrThrow();
  const { flags } = reduceStatus(await listItemEvents(db, orgId, itemId));
  const who = await userRef(db, orgId, item.assigned_to);
  return {
    id: item.id,
    status: item.status,
    assignedTo: who ? { id: who.id, name: who.name } : null,
    decision: flags.review === 'closed' ? flags.decision : null,
    signoffAction: flags.signoffAction,
  };
}
