// Folds the per-day rows of queries.ts into day/week/month buckets (UTC; weeks start on Monday) covering the
// whole period, empty buckets included so charts have an even axis.
import { type Bucket, DAY } from './scope.js';

export interface TrendPoint {
  start: number;
  posts: number;
  engagement: number;
  received: number;
  handled: number;
}

export function bucketStart(ms: number, bucket: Bucket): number {
  const day = Math.floor(ms / DAY) * DAY;
  if (bucket === 'day') return day;
  if (bucket === 'week') return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
  const d = new Date(day);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextBucket(start: number, bucket: Bucket): number {
  if (bucket === 'day') return start + DAY;
  if (bucket === 'week') return start + 7 * DAY;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export function foldTrend(
  from: number,
  to: number,
  bucket: Bucket,
  days: Array<{ day: number } & Partial<Omit<TrendPoint, 'start'>>>,
): TrendPoint[] {
  const points = new Map<number, TrendPoint>();
  for (let s = bucketStart(from, bucket); s < to; s = nextBucket(s, bucket))
    points.set(s, { start: s, posts: 0, engagement: 0, received: 0, handled: 0 });
  for (const d of days) {
    const p = points.get(bucketStart(d.day * DAY, bucket));
    if (!p) continue;
    p.posts += d.posts ?? 0;
    p.engagement += d.engagement ?? 0;
    p.received += d.received ?? 0;
    p.handled += d.handled ?? 0;
  }
  return [...points.values()];
}
