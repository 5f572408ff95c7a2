// The public transparency report: monthly counts of items hidden, removed and blocked, by category, from the
// moderation event log (confirmed platform actions only). No personal data leaves here: no handles, texts or
// ids, only category names an admin chose and counts, with counts under the threshold shown as "<5" so a
// rare category in a quiet month cannot point at one person. Off by default; a disabled or unknown
// organisation gets the same 404.
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import type { ActionContext } from '../audit/actor.js';
import { audit } from '../audit/record.js';

export const SUPPRESS_BELOW = 5;
const MONTHS = 12;
const ACTIONS = { hide: 'hidden', delete: 'removed', block: 'blocked' } as const;
type Measure = (typeof ACTIONS)[keyof typeof ACTIONS];
export type Count = number | '<5';

export interface MonthReport {
  month: string;
  totals: Record<Measure, Count>;
  byCategory: Array<{ category: string } & Record<Measure, Count>>;
}

export interface TransparencyReport {
  organisation: string;
  generatedAt: string;
  suppressedBelow: number;
  months: MonthReport[];
}

export async function getTransparency(ctx: AppContext, orgId: string): Promise<{ enabled: boolean }> {
  const row = await ctx.db
    .selectFrom('transparency_setting')
    .select('enabled')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return { enabled: Number(row?.enabled ?? 0) === 1 };
}

export async function setTransparency(
  ctx: AppContext,
  actx: ActionContext,
  orgId: string,
  userId: string,
  enabled: boolean,
) {
  await ctx.db.transaction().execute(async (trx) => {
    const now = Date.now();
    await trx
      .insertInto('transparency_setting')
      .values({ org_id: orgId, enabled: enabled ? 1 : 0, updated_by: userId, updated_at: now })
      .onConflict((oc) =>
        oc.column('org_id').doUpdateSet({ enabled: enabled ? 1 : 0, updated_by: userId, updated_at: now }),
      )
      .execute();
    await audit(ctx, trx, actx, {
      orgId,
      action: 'transparency.settings.updated',
      target: { type: 'organisation', id: orgId },
      summary: { enabled },
    });
  });
  return { enabled };
}

const suppress = (n: number): Count => (n < SUPPRESS_BELOW ? '<5' : n);

function monthStart(now: Date, back: number): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1);
}

/** The public report of the organisation at `slug`; a 404 unless it is published. */
export async function transparencyReport(
  ctx: AppContext,
  slug: string,
  now = new Date(),
): Promise<TransparencyReport> {
  const org = await ctx.db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!org || !(await getTransparency(ctx, org.id)).enabled) throw notFound('The page');
  return buildReport(ctx, org, now);
}

/**
 * The caller's own organisation's report whether or not it is published, so an admin sees what publishing would
 * show. The very same figures and suppression as the public page: the preview must not be a different report.
 */
export async function transparencyPreview(
  ctx: AppContext,
  orgId: string,
  now = new Date(),
): Promise<TransparencyReport> {
  const org = await ctx.db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return buildReport(ctx, org, now);
}

async function buildReport(
  ctx: AppContext,
  org: { id: string; name: string },
  now: Date,
): Promise<TransparencyReport> {
  const since = monthStart(now, MONTHS - 1);
  const month =
    ctx.dbKind === 'postgres'
      ? sql<string>`to_char(to_timestamp(e.created_at / 1000.0) at time zone 'UTC', 'YYYY-MM')`
      : sql<string>`strftime('%Y-%m', e.created_at / 1000, 'unixepoch')`;
  const rows = await ctx.db
    .selectFrom('moderation_event as e')
    .innerJoin('inbound_item as i', 'i.id', 'e.item_id')
    .select([month.as('month'), 'e.action', 'i.categories', sql<number>`count(distinct e.item_id)`.as('n')])
    .where('e.org_id', '=', org.id)
    .where('e.type', '=', 'action_succeeded')
    .where('e.action', 'in', Object.keys(ACTIONS))
    .where('e.created_at', '>=', since)
    .groupBy([month, 'e.action', 'i.categories'])
    .execute();
  const months = new Map<string, Map<string, Record<Measure, number>>>();
  for (let b = MONTHS - 1; b >= 0; b--)
    months.set(new Date(monthStart(now, b)).toISOString().slice(0, 7), new Map());
  for (const r of rows) {
    const cats = months.get(r.month);
    const measure = ACTIONS[r.action as keyof typeof ACTIONS];
    if (!cats || !measure) continue;
    const list = JSON.parse(r.categories) as string[];
    // An item in several categories counts once in each category, and once in the month's totals.
    for (const c of [...(list.length ? list : ['uncategorised']), '\u0000total']) {
      const entry = cats.get(c) ?? { hidden: 0, removed: 0, blocked: 0 };
      entry[measure] += Number(r.n);
      cats.set(c, entry);
    }
  }
  return {
    organisation: org.name,
    generatedAt: now.toISOString(),
    suppressedBelow: SUPPRESS_BELOW,
    months: [...months].map(([m, cats]) => {
      const total = cats.get('\u0000total') ?? { hidden: 0, removed: 0, blocked: 0 };
      const s = (e: Record<Measure, number>) => ({
        hidden: suppress(e.hidden),
        removed: suppress(e.removed),
        blocked: suppress(e.blocked),
      });
      return {
        month: m,
        totals: s(total),
        byCategory: [...cats]
          .filter(([c]) => c !== '\u0000total')
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([category, e]) => ({ category, ...s(e) })),
      };
    }),
  };
}
