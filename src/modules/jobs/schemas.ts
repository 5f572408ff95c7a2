import { Type } from 'typebox';

/** A job as the API shows it: never its payload. */
export const JobSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  runAfter: Type.Number(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
});
