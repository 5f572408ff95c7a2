import { Type } from 'typebox';

/** One audit record as the API shows it. */
export const AuditRecordSchema = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  createdAt: Type.Number(),
  actor: Type.Object({
    type: Type.String(),
    id: Type.Union([Type.String(), Type.Null()]),
    label: Type.String(),
  }),
  action: Type.String(),
  target: Type.Union([
    Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  summary: Type.Record(Type.String(), Type.Unknown()),
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
  prevHash: Type.String(),
});
