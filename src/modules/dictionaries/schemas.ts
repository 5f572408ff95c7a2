import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../../http/schemas.js';

const strict = { additionalProperties: false } as const;

/** A dictionary file as text. 1 MB of YAML is tens of thousands of terms, far beyond any real list. */
export const YamlText = Type.String({
  minLength: 1,
  maxLength: 1_000_000,
  description: 'The dictionary file (YAML), as a string',
});

export const YamlBody = Type.Object(
  {
    yaml: YamlText,
    activate: Type.Optional(
      Type.Boolean({
        description: 'Activate the new version at once (refused, and nothing saved, if its tests fail)',
      }),
    ),
  },
  strict,
);

export const VersionParams = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 100 }),
    version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  },
  strict,
);

export const ListQuery = Type.Object(
  { archived: Type.Optional(Type.Boolean({ description: 'Include archived dictionaries' })) },
  strict,
);
export const DiffQuery = Type.Object(
  { from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) },
  strict,
);
export const ExportQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, strict);

export const TryBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 100_000 }),
    dictionaryIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 100 }),
    ),
  },
  strict,
);

const TestFailure = Type.Object({
  kind: Type.Union([Type.Literal('must_match'), Type.Literal('must_not_match')]),
  text: Type.String(),
  message: Type.String(),
});

export const DictionarySummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: Type.String({ description: 'Of the active version, or the latest if none is active' }),
  action: Type.String(),
  severity: Type.String(),
  activeVersion: Type.Union([Type.Integer(), Type.Null()]),
  latestVersion: Type.Integer(),
  archivedAt: NullableTimestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const VersionSummary = Type.Object({
  version: Type.Integer(),
  name: Type.String(),
  category: Type.String(),
  action: Type.String(),
  severity: Type.String(),
  termCount: Type.Integer(),
  patternCount: Type.Integer(),
  source: Type.String({ description: 'create | edit | import | starter' }),
  author: Type.Object({ id: Type.Union([Type.String(), Type.Null()]), label: Type.String() }),
  createdAt: Timestamp,
  active: Type.Boolean(),
  testsPassed: Type.Boolean(),
  testFailures: Type.Array(TestFailure),
});

export const VersionDetail = Type.Object({ ...VersionSummary.properties, yaml: Type.String() });

export const DictionaryDetail = Type.Object({ dictionary: DictionarySummary, version: VersionDetail });

export const ListBody = Type.Object({ dictionaries: Type.Array(DictionarySummary) });
export const VersionsBody = Type.Object({ versions: Type.Array(VersionSummary) });

const Added = Type.Object({ added: Type.Array(Type.String()), removed: Type.Array(Type.String()) });
const Pattern = Type.Object({ name: Type.String(), regex: Type.String(), caseInsensitive: Type.Boolean() });

export const DiffBody = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  fields: Type.Array(
    Type.Object({
      field: Type.String(),
      from: Type.Union([Type.String(), Type.Null()]),
      to: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  terms: Added,
  exceptions: Added,
  patterns: Type.Object({ added: Type.Array(Pattern), removed: Type.Array(Pattern) }),
  tests: Type.Object({ mustMatch: Added, mustNotMatch: Added }),
});

export const TryResult = Type.Object({
  matches: Type.Array(
    Type.Object({
      dictionaryId: Type.String(),
      dictionary: Type.String(),
      category: Type.String(),
      term: Type.String(),
      start: Type.Integer({ description: 'UTF-16 offset into the text sent' }),
      end: Type.Integer(),
      matched: Type.String({ description: 'text.slice(start, end)' }),
    }),
  ),
});

export const StarterResult = Type.Object({
  installed: Type.Array(Type.String()),
  skipped: Type.Array(Type.String(), { description: 'Already present (active, inactive or archived)' }),
  notActivated: Type.Array(Type.String(), {
    description: 'Installed but left inactive because its tests fail',
  }),
});

export const TermStatsBody = Type.Object({
  dictionaryId: Type.String(),
  version: Type.Integer({ description: 'The version whose terms are listed (active, else latest)' }),
  terms: Type.Array(
    Type.Object({
      term: Type.String(),
      kind: Type.Union([Type.Literal('term'), Type.Literal('pattern')]),
      inCurrentVersion: Type.Boolean(),
      matches: Type.Integer(),
      decisionsConfirmed: Type.Integer(),
      decisionsRejected: Type.Integer(),
      precision: Type.Union([Type.Number(), Type.Null()], {
        description: 'confirmed / (confirmed + rejected); null before any decision',
      }),
    }),
  ),
});
