// Real-time in-app alerts for every open stream of this API process.
// Cadence: polls alert_event once a second while at least one stream is open, and at once when this
// process signals a commit (AppContext.jobSignal: raiseAlert enqueues a job, and callers notify after commit),
// so alerts raised by other processes (scale-out) arrive within ~1 s and local ones immediately.
// Cost: one indexed query per tick for all streams (org_id, created_at), plus three queries per revalidation
// (every 3 s, and before pushing new alerts) that re-check every stream's session or API token, user status,
// roles and subscriptions, whatever the number of streams.
// Late commits: each tick re-reads a lag window and remembers what it has already dispatched.

import type { AppContext } from '../../context.js';
import type { AlertEventTable } from '../../db/schema/alerts.js';
import type { EventStream } from '../../http/sse.js';
import { type Principal, parseRoles } from '../identity/roles.js';
import { cursorOf, toAlertView } from './repo.js';
import { channelsFor, type Subscription } from './routing.js';
import { validCredentials } from './stream-credentials.js';

export interface HubTimings {
  pollMs: number;
  heartbeatMs: number;
  revalidateMs: number;
  lagMs: number;
}
const DEFAULT_TIMINGS: HubTimings = { pollMs: 1000, heartbeatMs: 15_000, revalidateMs: 3000, lagMs: 10_000 };

export interface StreamSubscriber {
  principal: Principal;
  /** SHA-256 of the session cookie or API token, to re-check it is still valid; never the token itself. */
  credential: { kind: 'session' | 'token'; hash: string };
  subscriptions: Subscription[];
  /** Only alerts after this position (Last-Event-ID). */
  floor: { at: number; id: string } | null;
  stream: EventStream;
  sent: Map<string, number>;
  /** Until the backlog is sent, live alerts wait here so events go out in order. */
  pending: AlertEventTable[] | null;
}

const after = (r: { created_at: number; id: string }, f: { at: number; id: string }) =>
  Number(r.created_at) > f.at || (Number(r.created_at) === f.at && r.id > f.id);

export class AlertStreamHub {
  private readonly subs = new Set<StreamSubscriber>();
  private readonly seen = new Map<string, number>();
  private cursor = 0;
  private timers: NodeJS.Timeout[] = [];
  private ticking: Promise<void> | null = null;
  private started: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly timings: HubTimings = DEFAULT_TIMINGS,
  ) {}

  /** Registers a stream; returns when live dispatch to it has begun. */
  async add(sub: StreamSubscriber): Promise<void> {
    if (this.closed) return sub.stream.close();
    this.started ??= this.start();
    await this.started;
    this.subs.add(sub);
    sub.stream.onClose(() => this.remove(sub));
  }

  /** Sends an alert to a subscriber if it is theirs in-app and not yet sent. */
  offer(sub: StreamSubscriber, row: AlertEventTable): void {
    if (sub.pending) {
      sub.pending.push(row);
      return;
    }
    if (sub.sent.has(row.id) || row.org_id !== sub.principal.orgId) return;
    if (sub.floor && !after(row, sub.floor)) return;
    const user = { id: sub.principal.userId, roles: sub.principal.roles, status: 'active' as const };
    if (!channelsFor(user, row, sub.subscriptions).includes('in_app')) return;
    sub.sent.set(row.id, Number(row.created_at));
    sub.stream.send({
      id: cursorOf(row),
      event: 'alert',
      data: toAlertView(this.ctx.config.publicUrl, { ...row, acker_name: null }),
    });
  }

  /** Ends the backlog phase: the backlog goes out first, then the live alerts queued meanwhile. */
  flush(sub: StreamSubscriber, backlog: AlertEventTable[]): void {
    const queued = sub.pending ?? [];
    sub.pending = null;
    for (const row of [...backlog, ...queued]) this.offer(sub, row);
  }

  wake(): void {
    if (this.subs.size === 0 || this.closed) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.poll(true)
      .catch((err) =>
        this.ctx.logger.warn({ err: { message: (err as Error).message } }, 'alert stream poll failed'),
      )
      .finally(() => {
        this.ticking = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  closeAll(): void {
    this.closed = true;
    this.stop();
    for (const sub of [...this.subs]) sub.stream.close();
  }

  private remove(sub: StreamSubscriber): void {
    this.subs.delete(sub);
    if (this.subs.size === 0) this.stop();
  }

  private async start(): Promise<void> {
    this.cursor = Date.now();
    this.seen.clear();
    await this.poll(false); // what committed before anyone listened is in the list, not pushed
    const { pollMs, heartbeatMs, revalidateMs } = this.timings;
    this.timers = [
      setInterval(() => this.wake(), pollMs),
      setInterval(() => {
        for (const sub of this.subs) sub.stream.comment('heartbeat');
      }, heartbeatMs),
      setInterval(() => {
        this.revalidate().catch((err) =>
          this.ctx.logger.warn(
            { err: { message: (err as Error).message } },
            'alert stream revalidation failed',
          ),
        );
      }, revalidateMs),
    ];
    for (const t of this.timers) t.unref();
  }

  private stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.started = null;
  }

  private async poll(dispatch: boolean): Promise<void> {
    const orgs = [...new Set([...this.subs].map((s) => s.principal.orgId))];
    if (dispatch && orgs.length === 0) return;
    let q = this.ctx.db
      .selectFrom('alert_event')
      .selectAll()
      .where('created_at', '>', this.cursor - this.timings.lagMs)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1000);
    if (dispatch) q = q.where('org_id', 'in', orgs);
    const fresh = (await q.execute()).filter((row) => !this.seen.has(row.id));
    // Re-check every stream before pushing: a user suspended or signed out a moment ago gets nothing.
    if (dispatch && fresh.length > 0) await this.revalidate();
    for (const row of fresh) {
      this.seen.set(row.id, Number(row.created_at));
      this.cursor = Math.max(this.cursor, Number(row.created_at));
      if (dispatch) for (const sub of this.subs) this.offer(sub, row);
    }
    const horizon = this.cursor - 2 * this.timings.lagMs;
    for (const map of [this.seen, ...[...this.subs].map((s) => s.sent)])
      for (const [id, at] of map) if (at < horizon) map.delete(id);
  }

  /** Closes streams whose session or token was revoked or expired, or whose user was suspended. */
  private async revalidate(): Promise<void> {
    const subs = [...this.subs];
    if (subs.length === 0) return;
    const valid = await validCredentials(
      this.ctx.db,
      subs.map((s) => s.credential),
    );
    const subscriptions = await this.ctx.db
      .selectFrom('alert_subscription')
      .select(['user_id', 'kind_prefix', 'channel', 'enabled'])
      .where('user_id', 'in', [...new Set(subs.map((s) => s.principal.userId))])
      .execute();
    for (const sub of subs) {
      const roles = valid.get(sub.credential.hash);
      if (roles === undefined) {
        sub.stream.comment('signed out');
        sub.stream.close();
        continue;
      }
      sub.principal = { ...sub.principal, roles: parseRoles(roles) };
      sub.subscriptions = subscriptions.filter((s) => s.user_id === sub.principal.userId);
    }
  }
}
