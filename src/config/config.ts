import path from 'node:path';
import type { RawSettings } from './env.js';

export type ProcessRole = 'api' | 'worker';

export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  roles: ProcessRole[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  bodyLimitBytes: number;
  sessionTtlHours: number;
  signInRateLimitPerMinute: number;
  maxFailedSignIns: number;
  lockoutMinutes: number;
  /** Allow plain-http SSO issuers other than loopback (a lab IdP); production issuers must be https. */
  ssoAllowHttpIssuer: boolean;
  /** Allow http:// Mastodon instances on 127.0.0.1/localhost (tests, development). */
  mastodonAllowHttpLoopback: boolean;
  masterKey?: string;
  /** The key being replaced, during a master key rotation with keys from the environment. */
  masterKeyPrevious?: string;
  admin?: { email: string; password: string; organisationName: string };
  /** Parapet's X app (OAuth 2.0 client) for connecting X accounts; the secret only for confidential clients. */
  xClient?: { clientId: string; clientSecret: string | null };
  worker: { concurrency: number; pollMs: number; leaseMs: number };
  /** The built-in Sandbox network: simulated public replies per minute (0 = off), API calls per token per minute. */
  sandbox: { simulatorRate: number; rateLimitPerMinute: number };
  /** Alert e-mail (src/modules/alerts): SMTP URL with any credentials (never logged); null = no e-mail. */
  mail: { smtpUrl: string | null; from: string };
  /** Inbound ingestion: webhook secrets (never logged) and polling cadence (src/modules/inbound). */
  inbound: InboundConfig;
}

export interface InboundConfig {
  /** X app consumer secret: signs the CRC answer and every Account Activity delivery. */
  xConsumerSecret: string | null;
  /** Meta app secret (X-Hub-Signature-256) and the verify token chosen when subscribing. */
  metaAppSecret: string | null;
  metaVerifyToken: string | null;
  /** Instagram Login apps sign with the Instagram app secret; defaults to the Meta app secret. */
  instagramAppSecret: string | null;
  pollIntervalMs: number;
  /** How long a webhook delivery's digest is kept to recognise replays. */
  deliveryReplayWindowMs: number;
  /** Store webhook deliveries from a worker thread with its own database connection (src/modules/inbound/
   * ingest-thread.ts); off: in the main thread. */
  ingestThread: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`${setting}: ${problem}`);
  }
}

/** Validates every setting once at boot; the first bad one stops the start with a message naming it. */
export function loadConfig(raw: RawSettings, cwd: string = process.cwd()): Config {
  const host = raw.HOST ?? '127.0.0.1';
  const port = integer(raw, 'PORT', 8080, 0, 65535);
  const dataDir = path.resolve(cwd, raw.PARAPET_DATA_DIR ?? 'data');
  const publicUrl = url(
    raw,
    'PARAPET_PUBLIC_URL',
    `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
  );
  const roles = parseRoles(raw.PARAPET_ROLES);
  const logLevel = oneOf(
    raw,
    'LOG_LEVEL',
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    'info',
  );
  const adminEmail = raw.PARAPET_ADMIN_EMAIL;
  const adminPassword = raw.PARAPET_ADMIN_PASSWORD;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError(
      adminEmail ? 'PARAPET_ADMIN_PASSWORD' : 'PARAPET_ADMIN_EMAIL',
      'PARAPET_ADMIN_EMAIL and PARAPET_ADMIN_PASSWORD must be set together',
    );
  }
  if (adminEmail && !/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError('PARAPET_ADMIN_EMAIL', `"${adminEmail}" is not an e-mail address`);
  }
  if (adminPassword && adminPassword.length < 12) {
    throw new ConfigError('PARAPET_ADMIN_PASSWORD', 'must be at least 12 characters');
  }
  const masterKey = raw.PARAPET_MASTER_KEY;
  if (masterKey !== undefined && Buffer.from(masterKey, 'base64').length !== 32) {
    throw new ConfigError(
      'PARAPET_MASTER_KEY',
      'must be 32 bytes encoded as base64 (openssl rand -base64 32)',
    );
  }
  const masterKeyPrevious = raw.PARAPET_MASTER_KEY_PREVIOUS;
  if (masterKeyPrevious !== undefined && Buffer.from(masterKeyPrevious, 'base64').length !== 32) {
    throw new ConfigError('PARAPET_MASTER_KEY_PREVIOUS', 'must be 32 bytes encoded as base64');
  }
  if (masterKeyPrevious !== undefined && !masterKey) {
    throw new ConfigError('PARAPET_MASTER_KEY_PREVIOUS', 'is only used together with PARAPET_MASTER_KEY');
  }
  return {
    host,
    port,
    publicUrl: publicUrl.replace(/\/$/, ''),
    dataDir,
    database: parseDatabase(raw.DATABASE_URL, dataDir),
    roles,
    logLevel,
    trustProxy: boolean(raw, 'PARAPET_TRUST_PROXY', false),
    bodyLimitBytes: integer(raw, 'PARAPET_BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    sessionTtlHours: integer(raw, 'PARAPET_SESSION_TTL_HOURS', 12, 1, 24 * 90),
    signInRateLimitPerMinute: integer(raw, 'PARAPET_SIGNIN_RATE_LIMIT', 30, 1, 1_000_000),
    maxFailedSignIns: integer(raw, 'PARAPET_MAX_FAILED_SIGNINS', 5, 1, 1000),
    lockoutMinutes: integer(raw, 'PARAPET_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    ssoAllowHttpIssuer: boolean(raw, 'PARAPET_SSO_ALLOW_HTTP', false),
    mastodonAllowHttpLoopback: boolean(raw, 'PARAPET_MASTODON_ALLOW_HTTP', false),
    ...(masterKey ? { masterKey } : {}),
    ...(masterKeyPrevious ? { masterKeyPrevious } : {}),
    ...(raw.PARAPET_X_CLIENT_ID
      ? { xClient: { clientId: raw.PARAPET_X_CLIENT_ID, clientSecret: raw.PARAPET_X_CLIENT_SECRET ?? null } }
      : {}),
    ...(adminEmail && adminPassword
      ? {
          admin: {
            email: adminEmail,
            password: adminPassword,
            organisationName: raw.PARAPET_ORG_NAME ?? 'My organisation',
          },
        }
      : {}),
    worker: {
      concurrency: integer(raw, 'PARAPET_WORKER_CONCURRENCY', 4, 1, 256),
      pollMs: integer(raw, 'PARAPET_WORKER_POLL_MS', 500, 10, 60_000),
      leaseMs: integer(raw, 'PARAPET_JOB_LEASE_MS', 300_000, 1000, 24 * 3_600_000),
    },
    sandbox: {
      simulatorRate: integer(raw, 'PARAPET_SANDBOX_SIMULATOR_RATE', 0, 0, 600),
      rateLimitPerMinute: integer(raw, 'PARAPET_SANDBOX_RATE_LIMIT', 300, 1, 1_000_000),
    },
    mail: parseMail(raw, publicUrl),
    inbound: parseInbound(raw),
  };
}

function parseInbound(raw: RawSettings): InboundConfig {
  const metaAppSecret = webhookSecret(raw, 'PARAPET_META_APP_SECRET');
  return {
    xConsumerSecret: webhookSecret(raw, 'PARAPET_X_CONSUMER_SECRET'),
    metaAppSecret,
    metaVerifyToken: webhookSecret(raw, 'PARAPET_META_VERIFY_TOKEN'),
    instagramAppSecret: webhookSecret(raw, 'PARAPET_INSTAGRAM_APP_SECRET') ?? metaAppSecret,
    pollIntervalMs: integer(raw, 'PARAPET_INBOUND_POLL_SECONDS', 30, 5, 86_400) * 1000,
    deliveryReplayWindowMs: integer(raw, 'PARAPET_WEBHOOK_REPLAY_WINDOW_HOURS', 24, 1, 24 * 30) * 3_600_000,
    ingestThread: boolean(raw, 'PARAPET_INGEST_THREAD', true),
  };
}

/** A webhook secret: the message names the setting, never the value. */
function webhookSecret(raw: RawSettings, name: string): string | null {
  const value = raw[name];
  if (value === undefined) return null;
  if (value.length < 8 || value.length > 512 || /\s/.test(value))
    throw new ConfigError(name, 'must be 8 to 512 characters with no spaces');
  return value;
}

function parseDatabase(value: string | undefined, dataDir: string): Config['database'] {
  if (!value) return { kind: 'sqlite', file: path.join(dataDir, 'parapet.db') };
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { kind: 'postgres', url: value };
  }
  if (value.startsWith('sqlite:'))
    return { kind: 'sqlite', file: path.resolve(value.slice('sqlite:'.length)) };
  throw new ConfigError(
    'DATABASE_URL',
    'must start with postgres:// or sqlite: (leave it unset for ./data/parapet.db)',
  );
}

function parseRoles(value: string | undefined): ProcessRole[] {
  if (!value) return ['api', 'worker'];
  const roles = value.split(',').map((r) => r.trim());
  for (const role of roles) {
    if (role !== 'api' && role !== 'worker') {
      throw new ConfigError(
        'PARAPET_ROLES',
        `unknown role "${role}"; use a comma-separated list of api, worker`,
      );
    }
  }
  return [...new Set(roles)] as ProcessRole[];
}

function integer(raw: RawSettings, name: string, fallback: number, min: number, max: number): number {
  const value = raw[name];
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return Number(value);
}

function boolean(raw: RawSettings, name: string, fallback: boolean): boolean {
  const value = raw[name]?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false (got "${raw[name]}")`);
}

function oneOf<T extends string>(raw: RawSettings, name: string, allowed: T[], fallback: T): T {
  const value = raw[name];
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T))
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function url(raw: RawSettings, name: string, fallback: string): string {
  const value = raw[name];
  if (value === undefined) return fallback;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(name, `must be an http(s) URL (got "${value}")`);
  }
  return value;
}

/** SMTP for alert e-mail. Messages name the setting, never the value: the URL may hold a password. */
function parseMail(raw: RawSettings, publicUrl: string): Config['mail'] {
  const smtpUrl = raw.PARAPET_SMTP_URL ?? null;
  if (smtpUrl !== null) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(smtpUrl);
    } catch {}
    if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol) || !parsed.hostname)
      throw new ConfigError('PARAPET_SMTP_URL', 'must be smtp://[user:password@]host[:port] or smtps://…');
  }
  const from = raw.PARAPET_MAIL_FROM ?? `parapet@${new URL(publicUrl).hostname}`;
  if (!/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(from.trim()))
    throw new ConfigError('PARAPET_MAIL_FROM', `must be an address or "Name <address>" (got "${from}")`);
  return { smtpUrl, from: from.trim() };
}
