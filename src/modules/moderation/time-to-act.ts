// Time to act: p50/p95 per account and category of each stage (classified, action issued, action confirmed,
// human decision), measured from the platform's own timestamp and from Parapet receiving the item.
// Computed from log-scale histograms (src/modules/analytics/histogram.ts): whole days from the analytics
// rollups, the edges of the window bucketed in SQL, so no item rows are loaded whatever the window holds.
// Percentiles are within ±2% (BUCKET_ERROR) of the exact nearest-rank figure; counts are exact.
import type { AppContext } from '../../context.js';
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { BUCKET_ERROR, histogramStats } from '../analytics/histogram.js';
import { timeToActGroups } from '../analytics/rollup-read.js';
import { MEASURES, STAGES } from '../analytics/rollup-sql.js';
import type { Principal } from '../identity/roles.js';
import { visibleAccountIds } from './items-service.js';

const DAY = 86_400_000;
type Row = Pick<
  InboundItemTable,
  'account_id' | 'categories' | 'platform_created_at' | (typeof STAGES)[keyof typeof STAGES]
>;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
}

function stats(values: number[]) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/** Exact figures from item rows (the reference the histogram figures are tested against). */
export function summarise(rows: readonly Row[], onlyCategory?: string) {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const cats = JSON.parse(r.categories) as string[];
    for (const c of cats.length ? cats : ['(none)']) {
      if (onlyCategory && c !== onlyCategory) continue;
      const key = JSON.stringify([r.account_id, c]);
      const group = groups.get(key);
      if (group) group.push(r);
      else groups.set(key, [r]);
    }
  }
  return [...groups].map(([key, items]) => {
    const [accountId, category] = JSON.parse(key) as [string, string];
    const fromPlatform: Record<string, ReturnType<typeof stats>> = {};
    const fromReceived: Record<string, ReturnType<typeof stats>> = {};
    for (const [stage, col] of Object.entries(STAGES)) {
      const at = (r: Row) => (r[col] === null ? Number.NaN : Number(r[col]));
      fromPlatform[stage] = stats(items.map((r) => at(r) - Number(r.platform_created_at)));
      if (stage !== 'received') fromReceived[stage] = stats(items.map((r) => at(r) - Number(r.received_at)));
    }
    return { accountId, category, items: items.length, fromPlatform, fromReceived };
  });
}

export async function timeToAct(
  app: AppContext,
  p: Principal,
  q: { from?: number; to?: number; accountId?: string; category?: string },
) {
  const to = q.to ?? Date.now();
  const from = q.from ?? to - 7 * DAY;
  const accounts = await visibleAccountIds(app.db, p);
  if (accounts?.length === 0 || (accounts && q.accountId && !accounts.includes(q.accountId)))
    return { from, to, percentileMaxRelativeError: BUCKET_ERROR, groups: [] };
  const groups = await timeToActGroups(app.db, {
    orgId: p.orgId,
    from,
    to,
    accountIds: q.accountId ? [q.accountId] : accounts,
    category: q.category,
  });
  return {
    from,
    to,
    /** Percentiles come from log-scale buckets: each is within this fraction of the exact value (+1 ms). */
    percentileMaxRelativeError: BUCKET_ERROR,
    groups: [...groups.values()].map((g) => {
      const fromPlatform: Record<string, ReturnType<typeof stats>> = {};
      const fromReceived: Record<string, ReturnType<typeof stats>> = {};
      for (const m of MEASURES) {
        const figures = histogramStats(g.histograms.get(m.key) ?? new Map());
        (m.base === 'platform' ? fromPlatform : fromReceived)[m.stage] = figures;
      }
      return { accountId: g.accountId, category: g.category, items: g.items, fromPlatform, fromReceived };
    }),
  };
}
