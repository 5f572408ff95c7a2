import { Type } from 'typebox';

export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

export const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
export const Reason = Type.String({ minLength: 1, maxLength: 1000 });
export const Timestamp = Type.Number({ description: 'Unix epoch milliseconds' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const OkBody = Type.Object({ ok: Type.Literal(true) });

/** Error responses every authenticated route can return, for the OpenAPI document. */
export const commonErrors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};
