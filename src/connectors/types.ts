// The one interface every platform adapter implements (Bluesky, Mastodon, X, Facebook, Instagram, Sandbox).
// Adapters are plain objects with no database access: the accounts service decrypts credentials from the
// vault just before a call and passes them in; they never leave the call.

export const PLATFORMS = ['bluesky', 'mastodon', 'x', 'facebook', 'instagram', 'sandbox'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const CAPABILITIES = [
  'publish',
  'delete_own_post',
  'read_replies',
  'read_own_posts',
  'hide_reply',
  'unhide_reply',
  'delete_reply',
  'block_author',
  'mute_author',
  'report',
  'webhooks',
  'poll',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Decrypted secrets for one account, e.g. { accessToken, refreshToken } or { appPassword }. */
export type Credentials = Readonly<Record<string, string>>;

export interface ConnectorAccount {
  /** The platform's id for the account (X user id, Page id, DID, Mastodon account id…). */
  platformAccountId: string;
  handle: string;
  /** Instance / PDS / Sandbox base URL where the platform has more than one. */
  baseUrl: string | null;
  credentials: Credentials;
}

/** Everything needed to address a post or reply on its platform (ids, and e.g. Bluesky uri + cid). */
export interface PostRef {
  id: string;
  uri?: string;
  cid?: string;
  /** The thread root, where an action on a reply needs it (Bluesky threadgate). */
  root?: { id: string; uri?: string; cid?: string };
}

export interface PublishInput {
  text: string;
  replyTo?: PostRef;
  /** Public URLs of images to attach; Instagram cannot publish without one (the platform fetches the URL). */
  mediaUrls?: string[];
  /** Stable across retries of one logical publish (e.g. the job id); platforms that dedupe on it (Mastodon) do. */
  idempotencyKey?: string;
  /** When this logical publish began (stable across retries): Bluesky derives its record key from it and the key. */
  startedAt?: number;
}

export interface PublishedPost {
  ref: PostRef;
  url: string | null;
  createdAt: number;
}

export interface InboundItem {
  ref: PostRef;
  kind: 'reply' | 'mention' | 'comment';
  text: string;
  author: { id: string; handle: string; name?: string };
  inReplyTo: PostRef | null;
  createdAt: number;
  url: string | null;
  /** The platform's payload for this item, unchanged, for the archive. */
  raw: unknown;
}

export interface OwnPost {
  ref: PostRef;
  text: string;
  createdAt: number;
  url: string | null;
}

export interface Page<T> {
  items: T[];
  /** Pass back to fetch what came after; null when the platform gave none. */
  cursor: string | null;
}

export interface WebhookRequest {
  method: string;
  query: Record<string, string | undefined>;
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes received: signatures are computed over them, never over re-serialised JSON. */
  rawBody: Buffer;
}

export interface WebhookSupport {
  /** Answers the platform's subscription handshake (X CRC, Meta hub.challenge), or null if not one. */
  handshake(
    req: WebhookRequest,
    secrets: Credentials,
  ): { status: number; contentType: string; body: string } | null;
  verifySignature(req: WebhookRequest, secrets: Credentials): boolean;
  parse(req: WebhookRequest): InboundItem[];
}

export interface Connector {
  readonly platform: Platform;
  readonly capabilities: ReadonlySet<Capability>;
  publish(account: ConnectorAccount, input: PublishInput): Promise<PublishedPost>;
  deletePost(account: ConnectorAccount, post: PostRef): Promise<void>;
  fetchReplies(account: ConnectorAccount, cursor: string | null): Promise<Page<InboundItem>>;
  fetchOwnPosts(account: ConnectorAccount, cursor: string | null): Promise<Page<OwnPost>>;
  hideReply?(account: ConnectorAccount, reply: PostRef): Promise<void>;
  unhideReply?(account: ConnectorAccount, reply: PostRef): Promise<void>;
  deleteReply?(account: ConnectorAccount, reply: PostRef): Promise<void>;
  blockAuthor?(account: ConnectorAccount, authorId: string): Promise<void>;
  muteAuthor?(account: ConnectorAccount, authorId: string): Promise<void>;
  report?(account: ConnectorAccount, item: PostRef, authorId: string, reason: string): Promise<void>;
  /** Exchanges a refresh token (or re-logs in) ahead of expiry; returns the new credentials to store. */
  refreshCredentials?(
    account: ConnectorAccount,
  ): Promise<{ credentials: Credentials; expiresAt: number | null }>;
  /** Asks the platform who the credentials belong to (used before storing them); rejects bad ones. */
  verifyCredentials?(account: ConnectorAccount): Promise<VerifiedIdentity>;
  /** Public engagement counts of our published posts (at most the platform's batch size per call). */
  fetchPostMetrics?(account: ConnectorAccount, refs: PostRef[]): Promise<PostMetrics[]>;
  readonly webhook?: WebhookSupport;
}

/** Engagement of one post (PostRef.id); null where the platform does not give that figure. */
export interface PostMetrics {
  id: string;
  likes: number | null;
  replies: number | null;
  reposts: number | null;
  views: number | null;
}

/** The account as the platform itself names it, never as the client claimed. */
export interface VerifiedIdentity {
  platformAccountId: string;
  handle: string;
  displayName?: string;
}

/** What an adapter receives: injected so tests replace the network with recorded fixtures. */
export interface ConnectorDeps {
  fetch: typeof fetch;
  now(): number;
}
