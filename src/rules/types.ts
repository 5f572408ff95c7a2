/** Dictionary and match types shared by the keyword engine and its callers. */

export const ACTIONS = [
  'hide',
  'delete',
  'block',
  'review',
  'escalate',
  'record',
  'block_publish',
  'require_approval',
  // Outbound only: the post may go, and the match is recorded on it and shown to its author.
  'warn',
] as const;
export type DictionaryAction = (typeof ACTIONS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A linear-time regular expression rule (RE2 syntax), e.g. for personal data in outbound posts. */
export interface PatternRule {
  /** Reported as the match's `term`; defaults to the regex source. */
  name: string;
  regex: string;
  caseInsensitive: boolean;
}

export interface Dictionary {
  name: string;
  category: string;
  action: DictionaryAction;
  severity: Severity;
  description?: string;
  terms: string[];
  exceptions: string[];
  patterns: PatternRule[];
  tests: { mustMatch: string[]; mustNotMatch: string[] };
}

/** One hit. start/end are UTF-16 offsets into the ORIGINAL text (text.slice(start, end)). */
export interface Match {
  dictionary: string;
  category: string;
  term: string;
  start: number;
  end: number;
}

export interface Matcher {
  /** Every match, ordered by start offset. */
  match(text: string): Match[];
  /** True when match(text) would return at least one match (may stop early). */
  test(text: string): boolean;
}

/** A problem in a dictionary a person can fix: `abuse.yaml line 7: "severity" must be one of ...`. */
export class DictionaryError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly problem: string;

  constructor(file: string, line: number | undefined, problem: string) {
    super(line === undefined ? `${file}: ${problem}` : `${file} line ${line}: ${problem}`);
    this.name = 'DictionaryError';
    this.file = file;
    this.line = line;
    this.problem = problem;
  }
}
