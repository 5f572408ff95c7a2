// The CSV form of each analytics answer: one row per trend bucket, breakdown row, moderation count, post or
// time-to-act group.
import { isoDay, toCsv } from './csv.js';
import type { breakdown, moderation, overviewFor, timeToActFor, top } from './service.js';

type R<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

export const overviewCsv = (o: R<typeof overviewFor>): string =>
  toCsv(
    ['bucket_start', 'posts', 'engagement', 'received', 'handled'],
    o.trend.map((t) => [isoDay(t.start), t.posts, t.engagement, t.received, t.handled]),
  );

export const breakdownCsv = (b: R<typeof breakdown>): string =>
  toCsv(
    [b.by, 'name', 'posts', 'engagement', 'engagement_per_post', 'received', 'handled'],
    b.rows.map((r) => [r.id, r.name, r.posts, r.engagement, r.engagementPerPost, r.received, r.handled]),
  );

export const moderationCsv = (m: R<typeof moderation>): string =>
  toCsv(
    ['kind', 'category', 'action', 'count'],
    m.rows.map((r) => [r.kind, r.category, r.action, r.count]),
  );

export const topCsv = (t: R<typeof top>): string =>
  toCsv(
    [
      'post_id',
      'account_id',
      'author_id',
      'published_at',
      'likes',
      'replies',
      'reposts',
      'views',
      'engagement',
      'url',
      'text',
    ],
    t.posts.map((p) => [
      p.postId,
      p.accountId,
      p.authorId,
      new Date(p.publishedAt).toISOString(),
      p.likes,
      p.replies,
      p.reposts,
      p.views,
      p.engagement,
      p.url,
      p.text,
    ]),
  );

export const timeToActCsv = (t: R<typeof timeToActFor>): string =>
  toCsv(
    [
      'account_id',
      'category',
      'items',
      'stage',
      'from_platform_p50_ms',
      'from_platform_p95_ms',
      'from_received_p50_ms',
      'from_received_p95_ms',
    ],
    t.groups.flatMap((g) =>
      Object.entries(g.fromPlatform).map(([stage, s]) => [
        g.accountId,
        g.category,
        g.items,
        stage,
        s.p50,
        s.p95,
        g.fromReceived[stage]?.p50 ?? null,
        g.fromReceived[stage]?.p95 ?? null,
      ]),
    ),
  );
