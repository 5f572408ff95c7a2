import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { ActionContext } from './actor.js';
import { type AuditEntry, appendAudit } from './repo.js';

/** Shorthand used by services: append an audit record inside the caller's transaction. */
export const audit = (
  app: Pick<AppContext, 'dbKind'>,
  db: Db,
  actx: ActionContext,
  entry: AuditEntry,
): Promise<void> => appendAudit(db, app.dbKind, actx, entry);
