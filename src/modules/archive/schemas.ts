import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../../http/schemas.js';

const Str = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** Filters shared by search, export requests and (as a subset) legal hold scopes. */
export const FilterFields = {
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'Words that must all appear (full text, any revision)',
    }),
  ),
  kind: Type.Optional(Type.Union([Type.Literal('post'), Type.Literal('inbound')])),
  accountId: Type.Optional(Str(100)),
  teamId: Type.Optional(Str(100)),
  author: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 300,
      description: "An officer's user id (posts) or a public author's handle (inbound)",
    }),
  ),
  category: Type.Optional(Type.String({ pattern: '^[\\w .:-]{1,60}$' })),
  status: Type.Optional(
    Type.String({ pattern: '^[a-z_]{1,40}$', description: 'e.g. hidden, auto_hidden, deleted, published' }),
  ),
  from: Type.Optional(Type.Integer({ minimum: 0, description: 'epoch ms, inclusive' })),
  to: Type.Optional(Type.Integer({ minimum: 0, description: 'epoch ms, exclusive' })),
};
export const FiltersSchema = Type.Object(FilterFields, { additionalProperties: false });

const Author = Type.Object({
  type: Type.Union([Type.Literal('officer'), Type.Literal('public')]),
  id: Type.String(),
  handle: Type.Union([Type.String(), Type.Null()]),
});
const Kind = Type.Union([Type.Literal('post'), Type.Literal('inbound')]);

export const HitSchema = Type.Object({
  kind: Kind,
  id: Type.String(),
  accountId: Type.String(),
  occurredAt: Timestamp,
  status: Type.String(),
  text: Type.String(),
  author: Author,
  categories: Type.Array(Type.String()),
  redacted: Type.Boolean(),
});

export const ItemSchema = Type.Object({
  kind: Kind,
  id: Type.String(),
  accountId: Type.String(),
  occurredAt: Timestamp,
  status: Type.String(),
  text: Type.String(),
  redactedAt: NullableTimestamp,
  url: Type.Union([Type.String(), Type.Null()]),
  author: Type.Object({ ...Author.properties, name: Type.Union([Type.String(), Type.Null()]) }),
  categories: Type.Array(Type.String()),
  raw: Type.Union([Type.String(), Type.Null()]),
  platformItemId: Type.Union([Type.String(), Type.Null()]),
  revisions: Type.Array(
    Type.Object({
      revision: Type.Integer(),
      text: Type.String(),
      editedBy: Type.String(),
      createdAt: Timestamp,
    }),
  ),
  approvals: Type.Array(
    Type.Object({
      revision: Type.Integer(),
      step: Type.Integer(),
      approverId: Type.String(),
      decision: Type.String(),
      comment: Type.Union([Type.String(), Type.Null()]),
      createdAt: Timestamp,
    }),
  ),
  events: Type.Array(
    Type.Object({
      id: Type.String(),
      type: Type.String(),
      action: Type.Union([Type.String(), Type.Null()]),
      actor: Type.Object({
        type: Type.String(),
        id: Type.Union([Type.String(), Type.Null()]),
        label: Type.String(),
      }),
      note: Type.Union([Type.String(), Type.Null()]),
      detail: Type.Unknown(),
      createdAt: Timestamp,
    }),
  ),
});

export const RuleSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('inbound'), Type.Literal('post')]),
    category: Type.String({
      pattern: '^(\\*|[\\w .:-]{1,60})$',
      description: 'A category, "uncategorised", or "*"',
    }),
    days: Type.Integer({ minimum: 1, maximum: 36500 }),
  },
  { additionalProperties: false },
);

export const HoldScopeSchema = Type.Object(
  {
    accountIds: Type.Optional(Type.Array(Str(100), { maxItems: 500 })),
    authors: Type.Optional(Type.Array(Str(300), { maxItems: 500 })),
    from: Type.Optional(Type.Integer({ minimum: 0 })),
    to: Type.Optional(Type.Integer({ minimum: 0 })),
    query: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const HoldSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  reason: Type.String(),
  scope: HoldScopeSchema,
  createdBy: Type.String(),
  createdAt: Timestamp,
  releasedAt: NullableTimestamp,
  releasedBy: Type.Union([Type.String(), Type.Null()]),
  releaseReason: Type.Union([Type.String(), Type.Null()]),
});

export const ExportSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  reason: Type.String(),
  filters: FiltersSchema,
  requestedBy: Type.Object({ id: Type.String(), label: Type.String() }),
  itemCount: Type.Union([Type.Integer(), Type.Null()]),
  sizeBytes: Type.Union([Type.Integer(), Type.Null()]),
  sha256: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  finishedAt: NullableTimestamp,
});
