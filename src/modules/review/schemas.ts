// Request and response schemas of the review API (TypeBox). Responses list every field they send.
import { Type } from 'typebox';
import { Timestamp } from '../../http/schemas.js';
import { OPEN_STATUSES } from '../moderation/status.js';
import { DECISIONS } from './decisions.js';
import { SIGNOFF_ACTIONS } from './settings.js';

const strict = { additionalProperties: false } as const;
const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)) as unknown as [ReturnType<typeof Type.Literal<T>>]);
const Id = Type.String({ minLength: 1, maxLength: 100 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);
const Note = Type.String({ minLength: 1, maxLength: 2000 });
const Category = Type.String({ minLength: 1, maxLength: 60 });
const UserBrief = Type.Object({ id: Type.String(), name: Type.String() });

export const QueueQuery = Type.Object(
  {
    accountId: Type.Optional(Id),
    teamId: Type.Optional(Id),
    category: Type.Optional(Category),
    status: Type.Optional(literals([...OPEN_STATUSES])),
    lane: Type.Optional(literals(['safeguarding', 'standard', 'all'] as const)),
    assignedTo: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'me, none or a user id' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  strict,
);

const MatchSchema = Type.Object({
  dictionary: Type.String(),
  category: Type.String(),
  term: Type.String(),
  start: Type.Integer({ description: 'UTF-16 offset into text' }),
  end: Type.Integer(),
});

export const QueueRowSchema = Type.Object({
  id: Type.String(),
  account: Type.Object({
    id: Type.String(),
    platform: Type.String(),
    handle: Type.String(),
    displayName: Type.String(),
  }),
  kind: Type.String(),
  text: Type.String(),
  url: Nullable(Type.String()),
  author: Type.Object({ platformId: Type.String(), handle: Type.String(), name: Nullable(Type.String()) }),
  categories: Type.Array(Type.String()),
  matches: Type.Array(MatchSchema),
  safeguarding: Type.Boolean(),
  priority: Type.Number(),
  status: Type.String(),
  assignedTo: Nullable(UserBrief),
  platformCreatedAt: Timestamp,
  receivedAt: Timestamp,
  dueAt: Timestamp,
  remainingMs: Type.Number({ description: 'negative once overdue' }),
  overdue: Type.Boolean(),
  suggestedTemplates: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
});

export const QueueResponse = Type.Object({
  items: Type.Array(QueueRowSchema),
  counts: Type.Object({
    safeguarding: Type.Integer(),
    standard: Type.Integer(),
    total: Type.Integer(),
    overdue: Type.Integer(),
    overdueSafeguarding: Type.Integer(),
  }),
});

export const ItemStateSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  assignedTo: Nullable(UserBrief),
  decision: Nullable(Type.String()),
  signoffAction: Nullable(Type.String()),
});

export const AssignBody = Type.Object({ userId: Id }, strict);
export const DecideBody = Type.Object(
  { decision: literals(DECISIONS), note: Type.Optional(Nullable(Note)) },
  strict,
);
export const SignoffBody = Type.Object(
  { approve: Type.Boolean(), note: Type.Optional(Nullable(Note)) },
  strict,
);

export const TemplateSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  categories: Type.Array(Type.String()),
  position: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const TemplateFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 2000 }),
  categories: Type.Array(Category, { maxItems: 20 }),
  position: Type.Integer({ minimum: 0, maximum: 10_000 }),
};
export const TemplateCreateBody = Type.Object(
  {
    title: TemplateFields.title,
    body: TemplateFields.body,
    categories: Type.Optional(TemplateFields.categories),
    position: Type.Optional(TemplateFields.position),
  },
  strict,
);
export const TemplatePatchBody = Type.Object(
  {
    title: Type.Optional(TemplateFields.title),
    body: Type.Optional(TemplateFields.body),
    categories: Type.Optional(TemplateFields.categories),
    position: Type.Optional(TemplateFields.position),
  },
  { ...strict, minProperties: 1 },
);

const Minutes = Type.Integer({ minimum: 1, maximum: 10_080 });
export const SettingsSchema = Type.Object({
  signoffFor: Type.Array(literals(SIGNOFF_ACTIONS)),
  slaMinutes: Type.Object({
    safeguarding: Type.Integer(),
    standard: Type.Integer(),
    escalation: Type.Integer(),
  }),
});
export const SettingsBody = Type.Object(
  {
    signoffFor: Type.Optional(Type.Array(literals(SIGNOFF_ACTIONS), { maxItems: 2, uniqueItems: true })),
    slaMinutes: Type.Optional(
      Type.Object(
        {
          safeguarding: Type.Optional(Minutes),
          standard: Type.Optional(Minutes),
          escalation: Type.Optional(Minutes),
        },
        { ...strict, minProperties: 1 },
      ),
    ),
  },
  { ...strict, minProperties: 1 },
);

export const ContextSchema = Type.Object({
  item: QueueRowSchema,
  thread: Type.Array(
    Type.Object({
      source: literals(['inbound', 'own'] as const),
      id: Type.String(),
      platformId: Nullable(Type.String()),
      inReplyToId: Nullable(Type.String()),
      text: Type.String(),
      authorHandle: Type.String(),
      createdAt: Timestamp,
      status: Type.String(),
      current: Type.Boolean(),
    }),
  ),
  authorHistory: Type.Array(
    Type.Object({
      id: Type.String(),
      accountId: Type.String(),
      text: Type.String(),
      categories: Type.Array(Type.String()),
      status: Type.String(),
      receivedAt: Timestamp,
      url: Nullable(Type.String()),
    }),
  ),
  matches: Type.Array(Type.Object({ ...MatchSchema.properties, text: Type.String() })),
  history: Type.Array(
    Type.Object({
      id: Type.String(),
      type: Type.String(),
      action: Nullable(Type.String()),
      actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()), label: Type.String() }),
      note: Nullable(Type.String()),
      detail: Type.Record(Type.String(), Type.Unknown()),
      createdAt: Timestamp,
    }),
  ),
  templates: Type.Array(TemplateSchema),
});
