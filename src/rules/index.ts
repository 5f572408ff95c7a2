/** The keyword engine's public surface. Pure: text and dictionaries in, matches out; no I/O. */

export { type DictionaryTestFailure, runDictionaryTests } from './dictionary-tests.js';
export { parseDictionaryYaml } from './dictionary-yaml.js';
export { compileDictionaries } from './matcher.js';
export { type Normalized, normalize } from './normalize.js';
export {
  ACTIONS,
  type Dictionary,
  type DictionaryAction,
  DictionaryError,
  type Match,
  type Matcher,
  type PatternRule,
  SEVERITIES,
  type Severity,
} from './types.js';
