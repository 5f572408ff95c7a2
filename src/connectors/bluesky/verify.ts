// Checking an app password before Parapet stores it (§6.1): a fresh createSession on the account's PDS,
// never the cached session, so a wrong password is caught even if an older session still works. The PDS
// answers with the DID and the current handle, which become the account's identity.
import { AtpAgent } from '@atproto/api';
import { PermanentError } from '../errors.js';
import type { ConnectorAccount, ConnectorDeps, VerifiedIdentity } from '../types.js';
import { mapBlueskyError } from './errors.js';
import { DEFAULT_PDS } from './session.js';

export async function verifyBlueskyCredentials(
  deps: ConnectorDeps,
  account: ConnectorAccount,
): Promise<VerifiedIdentity> {
  const password = account.credentials.appPassword;
  if (!password) throw new PermanentError('bluesky credentials need an appPassword', 'bluesky');
  const identifier = account.credentials.identifier || account.handle || account.platformAccountId;
  if (!identifier) throw new PermanentError('bluesky credentials need a handle or identifier', 'bluesky');
  const agent = new AtpAgent({
    service: account.baseUrl ?? DEFAULT_PDS,
    fetch: (input, init) =>
      deps.fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(15_000) }),
  });
  try {
    await agent.login({ identifier, password });
  } catch (err) {
    throw mapBlueskyError(err, 'login', deps.now());
  }
  const session = agent.session;
  if (!session?.did) throw new PermanentError('bluesky login returned no DID', 'bluesky');
  return { platformAccountId: session.did, handle: session.handle, displayName: session.handle };
}
