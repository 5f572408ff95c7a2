import { readFileSync, readdirSync } from 'node:fs';
import { parseDictionaryYaml, runDictionaryTests } from '../src/rules/index.js';
for (const f of readdirSync('/work/main/dictionaries')) {
  const d = parseDictionaryYaml(readFileSync('/work/main/dictionaries/' + f, 'utf8'), f);
  const fails = runDictionaryTests(d);
  console.log(f, d.terms.length, d.patterns.length, fails.map(x => x.message));
}
