import { Type } from 'typebox';

/** The admin setting: whether the public transparency report is published. */
export const TransparencySettingsSchema = Type.Object(
  { enabled: Type.Boolean() },
  { additionalProperties: false },
);
