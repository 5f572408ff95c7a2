// Log-scale histograms of durations (ms) for time-to-act percentiles without loading items. Bucket b ≥ 1 holds
// [G^(b-1), G^b) with G = 1.04; 0 holds 0; negative durations (a platform clock ahead of ours) mirror at -b.
// A percentile is the geometric middle of the bucket holding the nearest-rank value, so it is within
// ±BUCKET_ERROR (2%) of the exact figure, plus rounding to a whole millisecond. SQL computes the same bucket
// (bucketSql) so raw edges of a period and rolled-up days agree.
import { type RawBuilder, sql } from 'kysely';

export const GROWTH = 1.04;
/** Largest relative difference between a reported percentile and the exact one: sqrt(GROWTH) - 1. */
export const BUCKET_ERROR = Math.sqrt(GROWTH) - 1;
const K = 1 / Math.log(GROWTH);

export function bucketOf(ms: number): number {
  if (ms >= 1) return 1 + Math.floor(Math.log(ms) * K);
  if (ms <= -1) return -(1 + Math.floor(Math.log(-ms) * K));
  return 0;
}

export function bucketValue(bucket: number): number {
  if (bucket === 0) return 0;
  const v = Math.round(GROWTH ** (Math.abs(bucket) - 0.5));
  return bucket > 0 ? v : -v;
}

/** The bucket of a duration expression in SQL (same on SQLite and PostgreSQL); null stays null. */
export function bucketSql(expr: RawBuilder<unknown>): RawBuilder<number | null> {
  const ln = (e: RawBuilder<unknown>) => sql`ln(cast(${e} as double precision)) * ${sql.lit(K)}`;
  return sql<number | null>`case when ${expr} >= 1 then 1 + cast(floor(${ln(expr)}) as integer)
    when ${expr} <= -1 then -1 - cast(floor(${ln(sql`-(${expr})`)}) as integer)
    when ${expr} is null then null else 0 end`;
}

/** bucket → count. */
export type Histogram = Map<number, number>;

export function add(h: Histogram, bucket: number, count: number): void {
  h.set(bucket, (h.get(bucket) ?? 0) + count);
}

/** Flat [bucket, count, bucket, count, …]: compact in the rollup row's JSON. */
export const encode = (h: Histogram): number[] => [...h].flat();

export function mergeEncoded(h: Histogram, flat: readonly number[]): void {
  for (let i = 0; i + 1 < flat.length; i += 2) add(h, flat[i] as number, flat[i + 1] as number);
}

/** count, and nearest-rank p50/p95 (the representative value of the bucket holding that rank). */
export function histogramStats(h: Histogram) {
  const buckets = [...h].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const count = buckets.reduce((a, [, c]) => a + c, 0);
  const at = (p: number) => {
    if (count === 0) return null;
    const rank = Math.min(count, Math.max(1, Math.ceil((p / 100) * count)));
    let seen = 0;
    for (const [b, c] of buckets) {
      seen += c;
      if (seen >= rank) return bucketValue(b);
    }
    return null;
  };
  return { count, p50: at(50), p95: at(95) };
}
