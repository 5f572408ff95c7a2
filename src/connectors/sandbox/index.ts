// Sandbox connector: Parapet's built-in practice network (src/sandbox), reached over HTTP like any other
// platform at account.baseUrl (Parapet's public URL) + /sandbox/api/v1, with credentials { token } (a sandbox
// API token, Bearer). Tokens do not expire: a 401 means it was revoked or is wrong. Rate limits are per token
// per minute, signalled with X-RateLimit-Reset (epoch seconds) and Retry-After on the 429.
import { PermanentError } from '../errors.js';
import { type PlatformHttpOptions, platformRequest } from '../http.js';
import type {
  Capability,
  Connector,
  ConnectorAccount,
  ConnectorDeps,
  InboundItem,
  OwnPost,
  Page,
} from '../types.js';

const CAPABILITIES: Capability[] = [
  'publish',
  'delete_own_post',
  'read_replies',
  'read_own_posts',
  'hide_reply',
  'unhide_reply',
  'delete_reply',
  'block_author',
  'report',
  'poll',
];

interface SandboxPost {
  id: string;
  author: { id: string; handle: string; display_name: string };
  text: string;
  reply_to_id: string | null;
  root_id: string | null;
  hidden: boolean;
  created_at: string;
}
type SandboxInboxItem = SandboxPost & { kind: 'reply' | 'mention' };

export function sandboxRateLimitResetAt(response: Response, _body: unknown, now: number): number {
  const reset = Number(response.headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return reset * 1000;
  const after = Number(response.headers.get('retry-after'));
  return now + (Number.isFinite(after) && after > 0 ? after * 1000 : 60_000);
}

const sandboxHttp: PlatformHttpOptions = { platform: 'sandbox', rateLimitResetAt: sandboxRateLimitResetAt };

/** Sandbox ids are short alphanumeric strings; nothing else goes into a path or query. */
function sandboxId(id: string, what: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id))
    throw new PermanentError(`sandbox ${what} id is not a valid id`, 'sandbox');
  return id;
}

function base(account: ConnectorAccount): string {
  if (!account.baseUrl) throw new PermanentError('sandbox account has no base URL', 'sandbox');
  return `${account.baseUrl.replace(/\/+$/, '')}/sandbox`;
}

export function createSandboxConnector(deps: ConnectorDeps): Connector {
  const call = <T>(
    account: ConnectorAccount,
    method: string,
    path: string,
    json?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> => {
    const token = account.credentials.token;
    if (!token) throw new PermanentError('sandbox account has no token', 'sandbox');
    const headers: Record<string, string> = { ...extraHeaders, authorization: `Bearer ${token}` };
    if (json !== undefined) headers['content-type'] = 'application/json';
    return platformRequest<T>(deps, sandboxHttp, `${base(account)}/api/v1${path}`, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  };
  const url = (account: ConnectorAccount, id: string) => `${base(account)}#post-${id}`;
  const since = (cursor: string | null) =>
    cursor ? `?since=${encodeURIComponent(sandboxId(cursor, 'cursor'))}` : '';

  const toInbound = (account: ConnectorAccount, item: SandboxInboxItem): InboundItem => ({
    ref: { id: item.id, ...(item.root_id ? { root: { id: item.root_id } } : {}) },
    kind: item.kind,
    text: item.text,
    author: { id: item.author.id, handle: item.author.handle, name: item.author.display_name },
    inReplyTo: item.reply_to_id ? { id: item.reply_to_id } : null,
    createdAt: Date.parse(item.created_at),
    url: url(account, item.id),
    raw: item,
  });
  const toOwn = (account: ConnectorAccount, post: SandboxPost): OwnPost => ({
    ref: { id: post.id },
    text: post.text,
    createdAt: Date.parse(post.created_at),
    url: url(account, post.id),
  });

  return {
    platform: 'sandbox',
    capabilities: new Set(CAPABILITIES),

    async publish(account, input) {
      if (input.mediaUrls?.length) throw new PermanentError('the sandbox does not take media', 'sandbox');
      // Like Mastodon, the Sandbox dedupes on Idempotency-Key: a retried publish returns the first post.
      const post = await call<SandboxPost>(
        account,
        'POST',
        '/posts',
        {
          text: input.text,
          ...(input.replyTo ? { reply_to_id: sandboxId(input.replyTo.id, 'reply-to') } : {}),
        },
        input.idempotencyKey ? { 'idempotency-key': input.idempotencyKey } : {},
      );
      if (!post?.id) throw new PermanentError('sandbox publish returned no post', 'sandbox');
      return { ref: { id: post.id }, url: url(account, post.id), createdAt: Date.parse(post.created_at) };
    },

    async deletePost(account, post) {
      await call(account, 'DELETE', `/posts/${sandboxId(post.id, 'post')}`);
    },

    // The cursor is the last item id seen; the sandbox returns what came after it, oldest first.
    async fetchReplies(account, cursor): Promise<Page<InboundItem>> {
      const page = await call<{ items: SandboxInboxItem[]; cursor: string | null }>(
        account,
        'GET',
        `/me/inbox${since(cursor)}`,
      );
      return { items: (page.items ?? []).map((i) => toInbound(account, i)), cursor: page.cursor ?? cursor };
    },

    async fetchPostMetrics(account, refs) {
      if (refs.length === 0) return [];
      const ids = refs.map((r) => sandboxId(r.id, 'post')).join(',');
      const res = await call<{
        posts: Array<{ id: string; likes: number; replies: number; reposts: number }>;
      }>(account, 'GET', `/posts/metrics?ids=${ids}`);
      return res.posts.map((p) => ({ ...p, views: null }));
    },

    async fetchOwnPosts(account, cursor): Promise<Page<OwnPost>> {
      const page = await call<{ posts: SandboxPost[]; cursor: string | null }>(
        account,
        'GET',
        `/me/posts${since(cursor)}`,
      );
      return { items: (page.posts ?? []).map((p) => toOwn(account, p)), cursor: page.cursor ?? cursor };
    },

    async hideReply(account, reply) {
      await call(account, 'POST', `/posts/${sandboxId(reply.id, 'reply')}/hide`);
    },

    async unhideReply(account, reply) {
      await call(account, 'POST', `/posts/${sandboxId(reply.id, 'reply')}/unhide`);
    },

    async deleteReply(account, reply) {
      await call(account, 'DELETE', `/posts/${sandboxId(reply.id, 'reply')}`);
    },

    async blockAuthor(account, authorId) {
      await call(account, 'POST', '/blocks', { user_id: sandboxId(authorId, 'author') });
    },

    async verifyCredentials(account) {
      const me = await call<{ id?: string; handle?: string; display_name?: string }>(account, 'GET', '/me');
      if (!me?.id || !me.handle)
        throw new PermanentError('sandbox did not say whose token this is', 'sandbox');
      return { platformAccountId: me.id, handle: me.handle, displayName: me.display_name ?? me.handle };
    },

    async report(account, item, authorId, reason) {
      await call(account, 'POST', '/reports', {
        post_id: sandboxId(item.id, 'post'),
        user_id: sandboxId(authorId, 'author'),
        reason: reason.slice(0, 1000),
      });
    },
  };
}
