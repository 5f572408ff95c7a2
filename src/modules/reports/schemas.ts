import { Type } from 'typebox';
import { Timestamp } from '../../http/schemas.js';

const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 100 });
export const Scope = Type.Union([Type.Literal('org'), Type.Literal('team')]);
export const Cadence = Type.Union([Type.Literal('weekly'), Type.Literal('monthly')]);

export const ScheduleBody = Type.Object(
  {
    scope: Scope,
    teamId: Type.Optional(Type.Union([Id, Type.Null()])),
    cadence: Cadence,
    recipients: Type.Array(Id, { minItems: 1, maxItems: 100, description: 'User ids who receive it' }),
  },
  strict,
);
export const SchedulePatch = Type.Object(
  {
    cadence: Type.Optional(Cadence),
    recipients: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100 })),
  },
  strict,
);
export const ScheduleSchema = Type.Object({
  id: Type.String(),
  scope: Scope,
  teamId: Type.Union([Type.String(), Type.Null()]),
  cadence: Cadence,
  recipients: Type.Array(Type.String()),
  createdBy: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const PreviewBody = Type.Object(
  {
    scope: Scope,
    teamId: Type.Optional(Type.Union([Id, Type.Null()])),
    from: Type.Integer({ minimum: 0, description: 'epoch ms' }),
    to: Type.Integer({ minimum: 0, description: 'epoch ms (exclusive)' }),
  },
  strict,
);

export const ReportSchema = Type.Object({
  id: Type.String(),
  scheduleId: Type.Union([Type.String(), Type.Null()]),
  scope: Scope,
  teamId: Type.Union([Type.String(), Type.Null()]),
  periodFrom: Timestamp,
  periodTo: Timestamp,
  title: Type.String(),
  htmlUrl: Type.String(),
  pdfUrl: Type.String(),
  createdAt: Timestamp,
});

export const FileParams = Type.Object(
  { file: Type.String({ pattern: '^[A-Za-z0-9-]{1,100}(\\.(html|pdf))?$' }) },
  { additionalProperties: false },
);
