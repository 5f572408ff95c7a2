import { Type } from 'typebox';

const strict = { additionalProperties: false } as const;
const Action = Type.Union([
  Type.Literal('hide'),
  Type.Literal('delete'),
  Type.Literal('block'),
  Type.Literal('review'),
  Type.Literal('escalate'),
  Type.Literal('record'),
]);
const Minutes = (max: number) => Type.Integer({ minimum: 1, maximum: max });
const Category = Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\w.-]+$' });

export const FloodSchema = Type.Object(
  {
    authorWindowMinutes: Minutes(1440),
    authorMaxMessages: Type.Integer({ minimum: 1, maximum: 10_000 }),
    duplicateWindowMinutes: Minutes(1440),
    duplicateMinAuthors: Type.Integer({ minimum: 2, maximum: 10_000 }),
    maxLinks: Type.Integer({ minimum: 0, maximum: 100 }),
    action: Action,
    alert: Type.Boolean(),
  },
  strict,
);

export const SettingsSchema = Type.Object(
  {
    safeguardingCategories: Type.Array(Category, {
      maxItems: 50,
      description: 'welfare and threat are always included',
    }),
    safeguardingSlaMinutes: Minutes(1440),
    escalationSlaMinutes: Minutes(10_080),
    reviewSlaMinutes: Minutes(10_080),
    categoryActions: Type.Record(Category, Action, {
      description: "category → action, replacing the dictionary's action for this organisation",
    }),
    flood: FloodSchema,
  },
  strict,
);
