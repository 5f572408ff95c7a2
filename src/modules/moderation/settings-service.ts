import type { AppContext } from '../../context.js';
import { forbidden } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';
import type { Principal } from '../identity/roles.js';
import { moderationPolicy } from './policy.js';
import { loadSettings, type ModerationSettings, mergeSettings, storeSettings } from './settings.js';

export async function getSettings(app: AppContext, p: Principal): Promise<ModerationSettings> {
  if (!moderationPolicy.viewSettings(p)) throw forbidden();
  return loadSettings(app.db, p.orgId);
}

export async function replaceSettings(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  next: ModerationSettings,
): Promise<ModerationSettings> {
  if (!moderationPolicy.manageSettings(p)) throw forbidden('Only admins change moderation settings.');
  const merged = mergeSettings(next);
  return app.db.transaction().execute(async (trx) => {
    const before = await loadSettings(trx, p.orgId);
    await storeSettings(trx, p.orgId, merged, p.userId);
    await audit(app, trx, actx, {
      orgId: p.orgId,
      action: 'moderation.settings_changed',
      target: { type: 'organisation', id: p.orgId },
      summary: { before, after: merged },
    });
    return merged;
  });
}
