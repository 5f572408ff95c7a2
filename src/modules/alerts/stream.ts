// GET /api/v1/alerts/stream: the caller's in-app alerts as server-sent events, resumable with Last-Event-ID.
// A client that does not accept text/event-stream gets the same events once as JSON (a polling fallback).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { AlertEventTable } from '../../db/schema/alerts.js';
import { principalOf } from '../../http/auth.js';
import { badRequest } from '../../http/errors.js';
import { acceptsEventStream, openEventStream } from '../../http/sse.js';
import type { Principal } from '../identity/roles.js';
import { SESSION_COOKIE } from '../identity/sessions.js';
import { type AlertView, cursorOf, parseCursor, selectAlerts, toAlertView, visibleTo } from './repo.js';
import { channelsFor, type Subscription } from './routing.js';
import { credentialHash } from './stream-credentials.js';
import type { AlertStreamHub } from './stream-hub.js';

const BACKLOG_LIMIT = 500;

async function subscriptionsOf(ctx: AppContext, p: Principal): Promise<Subscription[]> {
  return ctx.db
    .selectFrom('alert_subscription')
    .select(['kind_prefix', 'channel', 'enabled'])
    .where('org_id', '=', p.orgId)
    .where('user_id', '=', p.userId)
    .execute();
}

/** In-app alerts after `floor` (oldest first); without a floor the most recent ones. */
async function eventsAfter(
  ctx: AppContext,
  p: Principal,
  floor: { at: number; id: string } | null,
  limit: number,
): Promise<AlertEventTable[]> {
  let q = selectAlerts(ctx.db, p.orgId).where((eb) => visibleTo(eb, p));
  if (floor)
    q = q.where((eb) =>
      eb.or([
        eb('alert_event.created_at', '>', floor.at),
        eb.and([eb('alert_event.created_at', '=', floor.at), eb('alert_event.id', '>', floor.id)]),
      ]),
    );
  const dir = floor ? 'asc' : 'desc';
  const rows = await q
    .orderBy('alert_event.created_at', dir)
    .orderBy('alert_event.id', dir)
    .limit(limit)
    .execute();
  const subs = await subscriptionsOf(ctx, p);
  const user = { id: p.userId, roles: p.roles, status: 'active' as const };
  return (floor ? rows : rows.reverse()).filter((r) => channelsFor(user, r, subs).includes('in_app'));
}

function floorOf(request: FastifyRequest, query: { lastEventId?: string }) {
  const header = request.headers['last-event-id'];
  const value = (typeof header === 'string' ? header : undefined) ?? query.lastEventId;
  const floor = parseCursor(value);
  if (value !== undefined && !floor)
    throw badRequest('bad_last_event_id', 'Last-Event-ID must be the id of an event this stream sent.');
  return floor;
}

export async function alertStream(
  ctx: AppContext,
  hub: AlertStreamHub,
  request: FastifyRequest,
  reply: FastifyReply,
  query: { lastEventId?: string },
): Promise<{ events: Array<{ id: string; alert: AlertView }> } | undefined> {
  const p = principalOf(request);
  const floor = floorOf(request, query);
  if (!acceptsEventStream(request)) {
    const rows = await eventsAfter(ctx, p, floor, 100);
    return {
      events: rows.map((r) => ({
        id: cursorOf(r),
        alert: toAlertView(ctx.config.publicUrl, { ...r, acker_name: null }),
      })),
    };
  }
  const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const secret = bearer ?? request.cookies[SESSION_COOKIE] ?? '';
  const sub = {
    principal: p,
    credential: { kind: bearer ? ('token' as const) : ('session' as const), hash: credentialHash(secret) },
    subscriptions: await subscriptionsOf(ctx, p),
    floor,
    stream: openEventStream(request, reply),
    sent: new Map<string, number>(),
    pending: [] as AlertEventTable[],
  };
  try {
    await hub.add(sub);
    // Live dispatch has begun (queued in `pending`): the backlog cannot miss what commits meanwhile.
    hub.flush(sub, floor ? await eventsAfter(ctx, p, floor, BACKLOG_LIMIT) : []);
  } catch (err) {
    // The response is already streaming: the error handler cannot answer; the client reconnects.
    request.log.warn({ err: { message: (err as Error).message } }, 'alert stream failed to start');
    sub.stream.close();
  }
  return undefined;
}
