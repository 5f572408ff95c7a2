import { Type } from 'typebox';
import { ErrorBody, NullableTimestamp, Timestamp } from '../../http/schemas.js';

const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 100 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);

export const STATUSES = [
  'draft',
  'pending_approval',
  'rejected',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'held',
  'deleted',
  'cancelled',
] as const;
const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)) as unknown as [ReturnType<typeof Type.Literal<T>>]);
export const StatusSchema = literals(STATUSES);

export const PostRefSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 500 }),
    uri: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    cid: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    root: Type.Optional(
      Type.Object(
        {
          id: Type.String({ minLength: 1, maxLength: 500 }),
          uri: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
          cid: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        },
        strict,
      ),
    ),
  },
  strict,
);

// Generous bounds: the platform limits (platform-limits.ts) give the precise, per-platform message.
const Text = Type.String({ maxLength: 70_000 });
// Checked as public http(s) URLs in the service (compose-gates.ts), with a message naming the bad one.
const MediaUrls = Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { maxItems: 20 });
const AccountIds = Type.Array(Id, { minItems: 1, maxItems: 100 });
const ScheduledAt = Nullable(
  Type.String({
    maxLength: 40,
    description: 'ISO-8601 with offset, or local YYYY-MM-DDTHH:mm with timeZone',
  }),
);
const TimeZone = Nullable(
  Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone, e.g. Europe/London' }),
);

export const ComposeBody = Type.Object(
  {
    accountIds: AccountIds,
    text: Text,
    replyTo: Type.Optional(PostRefSchema),
    replyToItemId: Type.Optional(Id),
    mediaUrls: Type.Optional(MediaUrls),
    scheduledAt: Type.Optional(ScheduledAt),
    timeZone: Type.Optional(TimeZone),
    submit: Type.Optional(Type.Boolean({ description: 'true: submit now; false or absent: save drafts' })),
  },
  strict,
);

export const CheckBody = Type.Object(
  {
    accountIds: AccountIds,
    text: Text,
    mediaUrls: Type.Optional(MediaUrls),
    reply: Type.Optional(Type.Boolean({ description: 'Check as a reply (different media rules)' })),
  },
  strict,
);

export const EditBody = Type.Object(
  {
    text: Type.Optional(Text),
    mediaUrls: Type.Optional(MediaUrls),
    scheduledAt: Type.Optional(ScheduledAt),
    timeZone: Type.Optional(TimeZone),
    revision: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The revision you edited; 409 if it moved on' }),
    ),
  },
  strict,
);

export const CancelBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) },
  strict,
);
export const ApproveBody = Type.Object(
  {
    comment: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    revision: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  strict,
);
export const RejectBody = Type.Object(
  {
    comment: Type.String({ minLength: 1, maxLength: 2000, description: 'Why, for the author' }),
    revision: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  strict,
);

export const ListQuery = Type.Object(
  {
    status: Type.Optional(StatusSchema),
    accountId: Type.Optional(Id),
    authorId: Type.Optional(Id),
    batchId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  },
  strict,
);
export const ApprovalsQuery = Type.Object(
  { accountId: Type.Optional(Id), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  strict,
);

const MatchSchema = Type.Object({
  dictionary: Type.String(),
  category: Type.String(),
  term: Type.String(),
  action: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
});
const Verdict = literals(['ok', 'warn', 'require_approval', 'block'] as const);
const ProblemSchema = Type.Object({ platform: Type.String(), code: Type.String(), message: Type.String() });

export const PostSchema = Type.Object({
  id: Type.String(),
  batchId: Type.String(),
  accountId: Type.String(),
  authorId: Type.String(),
  kind: Type.String(),
  text: Type.String(),
  replyTo: Nullable(PostRefSchema),
  mediaUrls: Type.Array(Type.String()),
  status: StatusSchema,
  revision: Type.Integer(),
  approvalsRequired: Type.Integer(),
  scheduledAt: NullableTimestamp,
  timeZone: Nullable(Type.String()),
  checks: Type.Object({ verdict: Verdict, matches: Type.Array(MatchSchema), checkedAt: NullableTimestamp }),
  holdReason: Nullable(Type.String()),
  platformPostId: Nullable(Type.String()),
  url: Nullable(Type.String()),
  submittedAt: NullableTimestamp,
  publishedAt: NullableTimestamp,
  lastError: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const PostDetailSchema = Type.Intersect([
  PostSchema,
  Type.Object({
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
        id: Type.String(),
        revision: Type.Integer(),
        step: Type.Integer(),
        approverId: Type.String(),
        decision: Type.String(),
        comment: Nullable(Type.String()),
        createdAt: Timestamp,
      }),
    ),
  }),
]);

export const ApprovalItemSchema = Type.Intersect([
  PostSchema,
  Type.Object({ approvalsReceived: Type.Integer(), canApprove: Type.Boolean() }),
]);

export const CheckResultSchema = Type.Object({
  verdict: Verdict,
  matches: Type.Array(MatchSchema),
  accounts: Type.Array(
    Type.Object({
      accountId: Type.String(),
      platform: Type.String(),
      ok: Type.Boolean(),
      length: Type.Integer(),
      max: Type.Integer(),
      unit: Type.String(),
      problems: Type.Array(ProblemSchema),
    }),
  ),
});

/** Error bodies of compose/submit that carry what to fix. */
export const DetailedErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    problems: Type.Optional(Type.Array(ProblemSchema)),
    matches: Type.Optional(Type.Array(MatchSchema)),
  }),
});

export const ApprovalPolicyBody = Type.Object(
  { approvalSteps: Type.Integer({ minimum: 1, maximum: 5, description: 'Distinct approvals a post needs' }) },
  strict,
);
export const ApprovalPolicySchema = Type.Object({ accountId: Type.String(), approvalSteps: Type.Integer() });

export const SettingsBody = Type.Object(
  {
    postsPerUserPerHour: Type.Integer({ minimum: 1, maximum: 10_000 }),
    volumeAlertPerHour: Type.Integer({ minimum: 1, maximum: 10_000 }),
  },
  strict,
);
export const SettingsSchema = Type.Object({
  postsPerUserPerHour: Type.Integer(),
  volumeAlertPerHour: Type.Integer(),
});

/** The organisation-wide kill switch (kill-switch-routes.ts). */
export const PublishingStatusSchema = Type.Object({
  paused: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
  pausedAt: NullableTimestamp,
  pausedBy: Type.Union([Type.String(), Type.Null()], { description: 'User id of who paused' }),
  held: Type.Record(Type.String(), Type.Integer(), {
    description: 'Posts held now, by what holds them (organisation_paused, account_suspended, …)',
  }),
});
export const PublishingResumedSchema = Type.Object({
  ...PublishingStatusSchema.properties,
  released: Type.Integer({ description: 'Posts the pause held that are scheduled again' }),
});

export { ErrorBody };
