// Connecting an account with credentials given directly (POST /api/v1/accounts): before anything is stored,
// the platform is asked whose credentials these are. The platform's answer, not the client's claim, becomes
// the account's id and handle; credentials the platform refuses are never stored.
import { ConnectorError, RateLimitedError, TransientError } from '../../connectors/errors.js';
import { getConnector } from '../../connectors/registry.js';
import type { VerifiedIdentity } from '../../connectors/types.js';
import type { AppContext } from '../../context.js';
import { AppError, badRequest, forbidden } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { policy } from '../identity/policy.js';
import type { Principal } from '../identity/roles.js';
import type { AccountView } from './repo.js';
import { assertCredentials, type ConnectInput, connectAccount } from './service.js';

export type DirectConnectInput = Omit<ConnectInput, 'platformAccountId' | 'handle'> & {
  platformAccountId?: string;
  handle?: string;
};

const sameHandle = (a: string, b: string) =>
  a.replace(/^@/, '').toLowerCase() === b.replace(/^@/, '').toLowerCase();

export async function verifyIdentity(app: AppContext, input: DirectConnectInput): Promise<VerifiedIdentity> {
  const connector = await getConnector(input.platform, app.connectorDeps);
  if (!connector.verifyCredentials)
    throw badRequest('verification_unavailable', `${input.platform} credentials cannot be checked yet.`);
  try {
    return await connector.verifyCredentials({
      platformAccountId: input.platformAccountId ?? '',
      handle: input.handle ?? '',
      baseUrl: input.baseUrl ?? null,
      credentials: input.credentials,
    });
  } catch (err) {
    if (!(err instanceof ConnectorError)) throw err;
    // Connector messages carry no secrets, but the client gets only a fixed message: the log has the detail.
    app.logger.warn({ platform: input.platform, err: { message: err.message } }, 'credentials check failed');
    if (err instanceof TransientError || err instanceof RateLimitedError)
      throw new AppError(502, 'platform_unavailable', `${input.platform} could not be reached; try again.`);
    throw badRequest('credentials_rejected', `${input.platform} rejected these credentials.`);
  }
}

export async function connectWithVerifiedCredentials(
  app: AppContext,
  p: Principal,
  actx: ActionContext,
  input: DirectConnectInput,
): Promise<AccountView> {
  // Checked before any network call: only account managers make Parapet talk to a platform.
  if (!policy.manageAccounts(p)) throw forbidden();
  assertCredentials(input.credentials);
  const who = await verifyIdentity(app, input);
  if (input.platformAccountId !== undefined && input.platformAccountId !== who.platformAccountId)
    throw badRequest(
      'account_mismatch',
      `These credentials belong to ${input.platform} account ${who.platformAccountId}, not ${input.platformAccountId}.`,
    );
  if (input.handle !== undefined && !sameHandle(input.handle, who.handle))
    throw badRequest(
      'account_mismatch',
      `These credentials belong to ${input.platform} account ${who.handle}, not ${input.handle}.`,
    );
  return connectAccount(app, p, actx, {
    ...input,
    platformAccountId: who.platformAccountId,
    handle: who.handle,
    displayName: input.displayName ?? who.displayName ?? who.handle,
  });
}
