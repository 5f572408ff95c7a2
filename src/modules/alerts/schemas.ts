import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../../http/schemas.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const Severity = Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('urgent')]);
export const Channel = Type.Union([Type.Literal('in_app'), Type.Literal('email')]);
/** "safeguarding", "publishing.failed", "safeguarding.*" or "*". */
export const KindPrefix = Type.String({
  pattern: '^(\\*|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?)$',
  maxLength: 100,
});

export const AlertSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  severity: Type.String(),
  summary: Type.String(),
  accountId: Nullable(Type.String()),
  recipientUserId: Nullable(Type.String()),
  subject: Type.Union([Type.Object({ type: Type.String(), id: Nullable(Type.String()) }), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
  link: Type.String(),
  createdAt: Timestamp,
  deliveredAt: NullableTimestamp,
  acknowledgedAt: NullableTimestamp,
  acknowledgedBy: Type.Union([
    Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
    Type.Null(),
  ]),
});

export const ListQuery = Type.Object(
  {
    kind: Type.Optional(KindPrefix),
    severity: Type.Optional(Severity),
    unacknowledged: Type.Optional(Type.Boolean()),
    since: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  strict,
);

export const AlertList = Type.Object({
  alerts: Type.Array(AlertSchema),
  nextCursor: Nullable(Type.String()),
});

export const StreamQuery = Type.Object(
  { lastEventId: Type.Optional(Type.String({ maxLength: 200 })) },
  strict,
);
export const StreamBatch = Type.Object({
  events: Type.Array(Type.Object({ id: Type.String(), alert: AlertSchema })),
});

const SubscriptionSchema = Type.Object(
  { kindPrefix: KindPrefix, channel: Channel, enabled: Type.Boolean() },
  strict,
);
export const SubscriptionsBody = Type.Object(
  { subscriptions: Type.Array(SubscriptionSchema, { maxItems: 100 }) },
  strict,
);
export const SubscriptionsView = Type.Object({
  defaults: Type.Array(Type.Object({ kindPrefix: Type.String(), channels: Type.Array(Type.String()) })),
  subscriptions: Type.Array(
    Type.Object({ kindPrefix: Type.String(), channel: Type.String(), enabled: Type.Boolean() }),
  ),
});

export const WebhookSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String({ description: 'Origin only: the full URL may be a capability and stays in the vault' }),
  kinds: Type.Array(Type.String()),
  minSeverity: Type.String(),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
});

export const CreateWebhookBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    url: Type.String({ minLength: 1, maxLength: 2000 }),
    kinds: Type.Optional(Type.Array(KindPrefix, { maxItems: 30 })),
    minSeverity: Type.Optional(Severity),
  },
  strict,
);

export const CreatedWebhook = Type.Object({
  webhook: WebhookSchema,
  secret: Type.String({ description: 'Shown once: verify X-Parapet-Signature with it' }),
});

export const DeliverySchema = Type.Object({
  id: Type.String(),
  alertId: Nullable(Type.String()),
  channel: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  responseStatus: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  sentAt: NullableTimestamp,
});
