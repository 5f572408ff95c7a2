import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../../http/schemas.js';

const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 100 });
const Num = Type.Number();
const NullableNum = Type.Union([Type.Number(), Type.Null()]);

const scopeFields = {
  from: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Start, epoch ms (default: 30 days before "to")' }),
  ),
  to: Type.Optional(
    Type.Integer({ minimum: 0, description: 'End (exclusive), epoch ms (default: end of today, UTC)' }),
  ),
  bucket: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')])),
  accountId: Type.Optional(Id),
  teamId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'The team and all its sub-teams' }),
  ),
  authorId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'An officer (post author)' }),
  ),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
};
export const ScopeQuery = Type.Object(scopeFields, strict);
export const BreakdownQuery = Type.Object(
  {
    ...scopeFields,
    by: Type.Optional(Type.Union([Type.Literal('account'), Type.Literal('officer'), Type.Literal('team')])),
  },
  strict,
);
export const TopQuery = Type.Object(
  { ...scopeFields, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  strict,
);
export const TimeToActQuery = Type.Object(
  { ...scopeFields, category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  strict,
);

const Period = { from: Timestamp, to: Timestamp, bucket: Type.String() };

export const Overview = Type.Object({
  ...Period,
  postsPublished: Num,
  engagement: Type.Object({
    likes: Num,
    replies: Num,
    reposts: Num,
    views: Type.Union([Num, Type.Null()], {
      description: 'Sum over the posts whose platform reports views; null when none of them does.',
    }),
    postsWithViews: Type.Integer({ description: 'How many of the measured posts report views.' }),
    total: Num,
    postsMeasured: Num,
    perPost: Num,
  }),
  inbound: Type.Object({
    received: Num,
    handled: Num,
    questions: Num,
    questionsAnswered: Num,
    responseTimeP50Ms: NullableNum,
    responseTimeP95Ms: NullableNum,
  }),
  trend: Type.Array(
    Type.Object({ start: Timestamp, posts: Num, engagement: Num, received: Num, handled: Num }),
  ),
});

export const Breakdown = Type.Object({
  ...Period,
  by: Type.String(),
  rows: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      posts: Num,
      engagement: Num,
      engagementPerPost: NullableNum,
      received: Num,
      handled: Num,
    }),
  ),
});

export const Moderation = Type.Object({
  ...Period,
  rows: Type.Array(
    Type.Object({ kind: Type.String(), category: Type.String(), action: Type.String(), count: Num }),
  ),
});

export const TopPosts = Type.Object({
  ...Period,
  posts: Type.Array(
    Type.Object({
      postId: Type.String(),
      accountId: Type.String(),
      authorId: Type.String(),
      publishedAt: Timestamp,
      likes: Num,
      replies: Num,
      reposts: Num,
      views: NullableNum,
      engagement: Num,
      text: Type.String(),
      url: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

const Pct = Type.Object({ count: Num, p50: NullableNum, p95: NullableNum });
export const TimeToAct = Type.Object({
  ...Period,
  percentileMaxRelativeError: Type.Number({
    description:
      'p50/p95 come from log-scale histograms: each is within this fraction (0.0198 = 2%) of the exact ' +
      'nearest-rank value, plus rounding to a whole millisecond. Counts are exact.',
  }),
  groups: Type.Array(
    Type.Object({
      accountId: Type.String(),
      category: Type.String(),
      items: Num,
      fromPlatform: Type.Record(Type.String(), Pct),
      fromReceived: Type.Record(Type.String(), Pct),
    }),
  ),
});

export { NullableTimestamp };
