import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import { randomToken, sha256 } from '../../ids.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import { assertAcceptablePassword, hashPassword } from './passwords.js';

const INVITE_TTL_MS = 7 * 24 * 3_600_000;
const invalidToken = () =>
  new AppError(
    400,
    'invalid_token',
    'This link is invalid, already used or expired. Ask an administrator for a new one.',
  );

/** One-time invite link for a user created without a password. The link carries the only copy of the token. */
export async function createInvite(app: AppContext, db: Db, orgId: string, userId: string): Promise<string> {
  const token = randomToken();
  const now = Date.now();
  await db
    .insertInto('one_time_token')
    .values({
      id: sha256(token),
      purpose: 'invite',
      org_id: orgId,
      user_id: userId,
      expires_at: now + INVITE_TTL_MS,
      used_at: null,
      created_at: now,
    })
    .execute();
  return `${app.config.publicUrl}/invite#token=${token}`;
}

/** Consumes a one-time token of the given purpose, or throws. Call inside the transaction that uses it. */
export async function consumeOneTimeToken(db: Db, token: string, purpose: 'setup' | 'invite') {
  const now = Date.now();
  const row = await db
    .selectFrom('one_time_token')
    .selectAll()
    .where('id', '=', sha256(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) throw invalidToken();
  const used = await db
    .updateTable('one_time_token')
    .set({ used_at: now })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw invalidToken();
  return row;
}

export async function acceptInvite(app: AppContext, actx: ActionContext, token: string, password: string) {
  assertAcceptablePassword(password);
  const hash = await hashPassword(password);
  return app.db.transaction().execute(async (trx) => {
    const invite = await consumeOneTimeToken(trx, token, 'invite');
    const user = await trx
      .selectFrom('app_user')
      .select(['id', 'email', 'org_id'])
      .where('id', '=', invite.user_id!)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('app_user')
      .set({ password_hash: hash, updated_at: Date.now() })
      .where('id', '=', user.id)
      .execute();
    await audit(
      app,
      trx,
      { ...actx, actor: { type: 'user', id: user.id, label: user.email } },
      {
        orgId: user.org_id,
        action: 'user.invite_accepted',
        target: { type: 'user', id: user.id },
      },
    );
    return { email: user.email };
  });
}

/** A fresh invite link for a user who lost theirs (and has not set a password yet). */
export async function reissueInvite(
  app: AppContext,
  orgId: string,
  actx: ActionContext,
  userId: string,
): Promise<string> {
  return app.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['id', 'password_hash'])
      .where('org_id', '=', orgId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw new AppError(404, 'not_found', 'User was not found.');
    if (user.password_hash)
      throw new AppError(409, 'already_active', 'This user has already set a password; they can sign in.');
    await trx
      .updateTable('one_time_token')
      .set({ used_at: Date.now() })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
    const url = await createInvite(app, trx, orgId, userId);
    await audit(app, trx, actx, {
      orgId,
      action: 'user.invite_reissued',
      target: { type: 'user', id: userId },
    });
    return url;
  });
}
