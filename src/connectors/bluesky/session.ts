import { createHash } from 'node:crypto';
import { AtpAgent } from '@atproto/api';
import { PermanentError } from '../errors.js';
import type { ConnectorAccount, ConnectorDeps } from '../types.js';
import { isSessionError, mapBlueskyError } from './errors.js';

export const DEFAULT_PDS = 'https://bsky.social';
const TIMEOUT_MS = 15_000;

/**
 * Logged-in agents, cached in memory per account (never persisted): the app password is the only stored
 * credential. AtpAgent refreshes the access token itself on ExpiredToken; if the whole session is gone
 * (refresh token expired or revoked) we log in again once with the app password.
 */
export class BlueskySessions {
  private readonly agents = new Map<string, Promise<AtpAgent>>();

  constructor(private readonly deps: ConnectorDeps) {}

  /** Runs fn with a logged-in agent and the account's DID; maps every failure to a typed connector error. */
  async run<T>(
    account: ConnectorAccount,
    op: string,
    fn: (agent: AtpAgent, did: string) => Promise<T>,
  ): Promise<T> {
    const key = cacheKey(account);
    for (let attempt = 0; ; attempt++) {
      const agent = await this.agent(account, key);
      try {
        return await fn(agent, agent.session?.did ?? account.platformAccountId);
      } catch (err) {
        if (attempt === 0 && isSessionError(err)) {
          this.agents.delete(key);
          continue;
        }
        throw mapBlueskyError(err, op, this.deps.now());
      }
    }
  }

  private agent(account: ConnectorAccount, key: string): Promise<AtpAgent> {
    let pending = this.agents.get(key);
    if (!pending) {
      pending = this.login(account);
      this.agents.set(key, pending);
      // A failed login must not be cached: the next call tries again (and fails typed again).
      pending.catch(() => this.agents.delete(key));
    }
    return pending;
  }

  private async login(account: ConnectorAccount): Promise<AtpAgent> {
    const password = account.credentials.appPassword;
    if (!password) throw new PermanentError('bluesky account has no app password stored', 'bluesky');
    const agent = new AtpAgent({ service: account.baseUrl ?? DEFAULT_PDS, fetch: this.timedFetch });
    try {
      await agent.login({ identifier: account.platformAccountId || account.handle, password });
    } catch (err) {
      throw mapBlueskyError(err, 'login', this.deps.now());
    }
    return agent;
  }

  // Every request goes through the injected fetch, bounded in time (a hung PDS becomes a TransientError).
  private readonly timedFetch: typeof fetch = (input, init) =>
    this.deps.fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(TIMEOUT_MS) });
}

// Keyed by a hash of the password too, so new credentials (a rotated app password) start a new session.
function cacheKey(account: ConnectorAccount): string {
  const pw = createHash('sha256')
    .update(account.credentials.appPassword ?? '')
    .digest('hex');
  return `${account.baseUrl ?? DEFAULT_PDS}|${account.platformAccountId || account.handle}|${pw}`;
}
