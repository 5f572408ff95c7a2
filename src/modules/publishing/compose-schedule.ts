// Scheduling input: an ISO-8601 instant with an offset ("2026-12-01T09:00:00+00:00"), or a local wall-clock
// time ("2026-12-01T09:00") with an IANA zone. Stored as UTC epoch ms plus the zone, for display. Pure.
import { badRequest } from '../../http/errors.js';

export interface ScheduleInput {
  scheduledAt?: string | null;
  timeZone?: string | null;
}

export interface Schedule {
  scheduledAt: number | null;
  timeZone: string | null;
}

const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The canonical IANA name of `zone`, or a 400 naming it. */
export function validTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw badRequest(
      'invalid_time_zone',
      `"${zone}" is not a time zone; use an IANA name such as Europe/London or America/New_York.`,
    );
  }
}

type Parts = [number, number, number, number, number, number];

function wallClock(zone: string, at: number): Parts {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const get = (type: string) => Number(fmt.formatToParts(at).find((p) => p.type === type)?.value);
  return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
}

const utcOf = (p: Parts): number => Date.UTC(p[0], p[1] - 1, p[2], p[3], p[4], p[5]);
const same = (a: Parts, b: Parts) => a.every((v, i) => v === b[i]);
const partsOf = (m: RegExpMatchArray): Parts =>
  [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as Parts;

/** Rejects 2026-02-30 and 25:00, which Date would silently roll over. */
function assertRealDate(p: Parts, raw: string): void {
  const d = new Date(utcOf(p));
  const back: Parts = [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  ];
  if (!same(p, back)) throw badRequest('invalid_schedule', `"${raw}" is not a real date and time.`);
}

/** The instant when `zone`'s clocks show `local`; the earlier one when clocks go back (the hour repeats). */
export function zonedToUtc(local: Parts, zone: string, raw: string): number {
  const guess = utcOf(local);
  const candidates = [-12, 12]
    .map((h) => {
      const probe = guess + h * 3_600_000;
      const offset = utcOf(wallClock(zone, probe)) - probe;
      return guess - offset;
    })
    .filter((at) => same(wallClock(zone, at), local))
    .sort((a, b) => a - b);
  if (candidates.length === 0)
    throw badRequest(
      'schedule_in_dst_gap',
      `${raw} does not exist in ${zone}: the clocks go forward then. Choose a time after the change.`,
    );
  return candidates[0]!;
}

function parseInstant(raw: string, zone: string | null): number {
  const offset = raw.match(WITH_OFFSET);
  if (offset) {
    assertRealDate(partsOf(offset), raw);
    return Date.parse(raw);
  }
  const local = raw.match(LOCAL);
  if (!local)
    throw badRequest(
      'invalid_schedule',
      'scheduledAt must be an ISO-8601 date-time with an offset (2026-12-01T09:00:00Z) or a local time (2026-12-01T09:00) with timeZone.',
    );
  if (!zone)
    throw badRequest('time_zone_required', `"${raw}" has no offset: give timeZone (e.g. Europe/London) too.`);
  const parts = partsOf(local);
  assertRealDate(parts, raw);
  return zonedToUtc(parts, zone, raw);
}

/** Parses and checks a schedule; a time that has already passed is refused. */
export function parseSchedule(input: ScheduleInput, now = Date.now()): Schedule {
  const zone = input.timeZone ? validTimeZone(input.timeZone) : null;
  if (!input.scheduledAt) return { scheduledAt: null, timeZone: zone };
  const at = parseInstant(input.scheduledAt, zone);
  if (at < now)
    throw badRequest(
      'schedule_in_past',
      `${input.scheduledAt}${zone ? ` (${zone})` : ''} has already passed; choose a later time, or leave scheduledAt out to publish as soon as cleared.`,
    );
  return { scheduledAt: at, timeZone: zone };
}

/** Refuses a stored schedule that passed while the post sat as a draft (checked again at submit). */
export function assertNotPast(scheduledAt: number | null, now = Date.now()): void {
  if (scheduledAt !== null && scheduledAt < now)
    throw badRequest(
      'schedule_in_past',
      `The scheduled time ${new Date(scheduledAt).toISOString()} has passed; choose a later time.`,
    );
}
