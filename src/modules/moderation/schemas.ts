import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../../http/schemas.js';
import { ITEM_STATUSES } from './status.js';

const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 100 });
const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)) as unknown as [ReturnType<typeof Type.Literal<T>>]);

export const ItemStatusSchema = literals(ITEM_STATUSES);
export const PlatformActionSchema = literals([
  'hide',
  'unhide',
  'delete',
  'block',
  'report',
  'mute',
] as const);

export const ListQuery = Type.Object(
  {
    accountId: Type.Optional(Id),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    status: Type.Optional(ItemStatusSchema),
    safeguarding: Type.Optional(Type.Boolean()),
    from: Type.Optional(Type.Integer({ minimum: 0, description: 'received at or after (epoch ms)' })),
    to: Type.Optional(Type.Integer({ minimum: 0, description: 'received before (epoch ms)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
  },
  strict,
);

const Author = Type.Object({
  id: Type.String(),
  handle: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
});

export const ItemSummary = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  platform: Type.String(),
  kind: Type.String(),
  text: Type.String(),
  author: Author,
  url: Type.Union([Type.String(), Type.Null()]),
  categories: Type.Array(Type.String()),
  safeguarding: Type.Boolean(),
  priority: Type.Number(),
  status: Type.String(),
  dueAt: NullableTimestamp,
  platformCreatedAt: Timestamp,
  receivedAt: Timestamp,
});

export const ListResponse = Type.Object({
  items: Type.Array(ItemSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const MatchSchema = Type.Object({
  dictionary: Type.String(),
  category: Type.String(),
  term: Type.String(),
  start: Type.Number(),
  end: Type.Number(),
  /** The matched span of the original text. */
  text: Type.String(),
});

export const EventSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  action: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Object({
    type: Type.String(),
    id: Type.Union([Type.String(), Type.Null()]),
    label: Type.String(),
  }),
  note: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
});

export const ItemDetail = Type.Object({
  ...ItemSummary.properties,
  platformItemId: Type.String(),
  inReplyToId: Type.Union([Type.String(), Type.Null()]),
  rootId: Type.Union([Type.String(), Type.Null()]),
  ref: Type.Record(Type.String(), Type.Unknown()),
  matches: Type.Array(MatchSchema),
  assignedTo: Type.Union([Type.String(), Type.Null()]),
  times: Type.Object({
    platformCreatedAt: Timestamp,
    receivedAt: Timestamp,
    classifiedAt: NullableTimestamp,
    actionIssuedAt: NullableTimestamp,
    actionConfirmedAt: NullableTimestamp,
    decidedAt: NullableTimestamp,
  }),
  derived: Type.Object({
    status: Type.String(),
    hidden: Type.Boolean(),
    deleted: Type.Boolean(),
    authorBlocked: Type.Boolean(),
    reported: Type.Boolean(),
    review: Type.String(),
    pendingActions: Type.Array(Type.String()),
    failedActions: Type.Array(Type.String()),
    fallbacks: Type.Array(
      Type.Object({ action: Type.String(), instead: Type.Array(Type.String()), reason: Type.String() }),
    ),
    decision: Type.Union([Type.String(), Type.Null()]),
  }),
  events: Type.Array(EventSchema),
  /** The platform payload as received: admins and auditors only. */
  raw: Type.Optional(Type.Unknown()),
});

export const ActionBody = Type.Object(
  { action: PlatformActionSchema, reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  strict,
);
export const UnhideBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) },
  strict,
);
export const ActionResponse = Type.Object({
  id: Type.String(),
  status: Type.String(),
  requested: Type.Array(Type.String()),
  fallback: Type.Union([
    Type.Object({ instead: Type.Array(Type.String()), reason: Type.String() }),
    Type.Null(),
  ]),
  queued: Type.Boolean(),
});

export const TimeToActQuery = Type.Object(
  {
    from: Type.Optional(Type.Integer({ minimum: 0 })),
    to: Type.Optional(Type.Integer({ minimum: 0 })),
    accountId: Type.Optional(Id),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  strict,
);

const Percentiles = Type.Object({
  count: Type.Integer(),
  p50: Type.Union([Type.Number(), Type.Null()]),
  p95: Type.Union([Type.Number(), Type.Null()]),
});
const Stages = Type.Record(Type.String(), Percentiles);
export const TimeToActResponse = Type.Object({
  from: Timestamp,
  to: Timestamp,
  percentileMaxRelativeError: Type.Number({
    description:
      'p50/p95 come from log-scale histograms: each is within this fraction (0.0198 = 2%) of the exact ' +
      'nearest-rank value, plus rounding to a whole millisecond. Counts are exact.',
  }),
  groups: Type.Array(
    Type.Object({
      accountId: Type.String(),
      category: Type.String(),
      items: Type.Integer(),
      /** Milliseconds from the platform's own timestamp to each stage. */
      fromPlatform: Stages,
      /** Milliseconds from Parapet receiving the item to each later stage. */
      fromReceived: Stages,
    }),
  ),
});
