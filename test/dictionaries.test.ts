import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  getActiveMatcher,
  recordTermDecision,
  recordTermMatches,
} from '../src/modules/dictionaries/service.js';
import { readStarterDictionaries } from '../src/modules/dictionaries/starter.js';
import {
  addUser,
  as,
  createOrg,
  type Org,
  type Session,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers/app.js';
import { testDbKinds } from './helpers/databases.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASE = '/api/v1/dictionaries';
const STARTER_NAMES = readStarterDictionaries()
  .map((s) => s.dict.name)
  .sort();

interface Spec {
  name: string;
  severity?: string;
  terms: string[];
  exceptions?: string[];
  patterns?: string[];
  mustMatch?: string[];
  mustNotMatch?: string[];
}
const q = (s: string) => JSON.stringify(s);
const yamlOf = (s: Spec): string =>
  [
    `# ${s.name}: a comment the diff must ignore`,
    `name: ${s.name}`,
    'category: abuse',
    'action: hide',
    `severity: ${s.severity ?? 'high'}`,
    'terms:',
    ...s.terms.map((t) => `  - ${q(t)}`),
    ...(s.exceptions ? ['exceptions:', ...s.exceptions.map((t) => `  - ${q(t)}`)] : []),
    ...(s.patterns ? ['patterns:', ...s.patterns.map((p) => `  - {name: ${q(p)}, regex: ${q(p)}}`)] : []),
    'tests:',
    `  must_match: [${(s.mustMatch ?? []).map(q).join(', ')}]`,
    `  must_not_match: [${(s.mustNotMatch ?? []).map(q).join(', ')}]`,
    '',
  ].join('\n');

const V1: Spec = {
  name: 'insults',
  terms: ['scumbag', 'zorblax'],
  exceptions: ['Scunthorpe'],
  mustMatch: ['you absolute scumbag'],
  mustNotMatch: ['Scunthorpe United won'],
};
const V2: Spec = {
  ...V1,
  severity: 'critical',
  terms: ['scumbag', 'quibbleface'],
  exceptions: ['Scunthorpe', 'Penistone'],
  patterns: ['[0-9]{5}'],
};

for (const kind of testDbKinds) {
  describe(`dictionaries (${kind})`, () => {
    let t: TestApp;
    let orgA: Org;
    let orgB: Org;
    let admin: Session;
    let api: ReturnType<typeof as>;
    let insultsId: string;

    const auditActions = async (targetId: string) =>
      (
        await t.ctx.db
          .selectFrom('audit_record')
          .select('action')
          .where('target_id', '=', targetId)
          .orderBy('seq')
          .execute()
      ).map((r) => r.action);
    const get = async (id: string) => (await api('GET', `${BASE}/${id}`)).json();
    const tryText = async (s: Session, text: string, dictionaryIds?: string[]) => {
      const res = await as(t, s)('POST', `${BASE}/try`, dictionaryIds ? { text, dictionaryIds } : { text });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().matches as Array<{
        dictionary: string;
        dictionaryId: string;
        term: string;
        start: number;
        end: number;
        matched: string;
      }>;
    };

    before(async () => {
      t = await startTestApp(kind);
      orgA = await createOrg(t, 'Organisation A'); // first-run path: gets the starter dictionaries
      orgB = await createOrg(t, 'Organisation B'); // created directly: none
      admin = await signIn(t, orgA.adminEmail);
      api = as(t, admin);
    });
    after(() => t.close());

    test('a new organisation has the five starter dictionaries, version 1, active', async () => {
      assert.equal(STARTER_NAMES.length, 5);
      const res = await api('GET', BASE);
      assert.equal(res.statusCode, 200);
      const dicts = res.json().dictionaries as Array<{
        name: string;
        activeVersion: number | null;
        latestVersion: number;
      }>;
      assert.deepEqual(dicts.map((d) => d.name).sort(), STARTER_NAMES);
      for (const d of dicts) assert.deepEqual([d.name, d.activeVersion, d.latestVersion], [d.name, 1, 1]);
      const matches = await tryText(admin, 'ring me on 07700 900123, you scumbag');
      assert.deepEqual(
        matches.map((m) => [m.dictionary, m.matched]),
        [
          ['personal-data', '07700 900123'],
          ['abuse', 'scumbag'],
        ],
      );
    });

    test('create gives version 1 (inactive unless asked), audited', async () => {
      const res = await api('POST', BASE, { yaml: yamlOf(V1) });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      insultsId = body.dictionary.id;
      assert.equal(body.dictionary.name, 'insults');
      assert.equal(body.dictionary.activeVersion, null);
      assert.equal(body.version.version, 1);
      assert.equal(body.version.testsPassed, true);
      assert.equal(body.version.yaml, yamlOf(V1));
      assert.equal(body.version.author.label, orgA.adminEmail);
      assert.deepEqual(await auditActions(insultsId), ['dictionary.created']);
      // Not active, so the live matcher does not use it.
      assert.equal((await tryText(admin, 'what a zorblax')).length, 0);
      const again = await api('POST', BASE, { yaml: yamlOf(V1) });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'dictionary_name_taken');
    });

    test('edit gives version 2; activating it is audited and changes the live matcher', async () => {
      const res = await api('PUT', `${BASE}/${insultsId}`, { yaml: yamlOf(V2) });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().version.version, 2);
      assert.equal(res.json().dictionary.latestVersion, 2);
      const act = await api('POST', `${BASE}/${insultsId}/versions/2/activate`);
      assert.equal(act.statusCode, 200, act.body);
      assert.equal(act.json().dictionary.activeVersion, 2);
      assert.equal(act.json().dictionary.severity, 'critical');
      assert.deepEqual(await auditActions(insultsId), [
        'dictionary.created',
        'dictionary.version_created',
        'dictionary.activated',
      ]);
      const hit = await tryText(admin, 'you quibbleface');
      assert.deepEqual(
        hit.map((m) => [m.dictionary, m.dictionaryId, m.matched]),
        [['insults', insultsId, 'quibbleface']],
      );
      const versions = (await api('GET', `${BASE}/${insultsId}/versions`)).json().versions;
      assert.deepEqual(
        versions.map((v: { version: number; active: boolean; source: string }) => [
          v.version,
          v.active,
          v.source,
        ]),
        [
          [2, true, 'edit'],
          [1, false, 'create'],
        ],
      );
      const v1 = await api('GET', `${BASE}/${insultsId}/versions/1`);
      assert.equal(v1.json().yaml, yamlOf(V1));
      assert.equal((await api('GET', `${BASE}/${insultsId}/versions/9`)).statusCode, 404);
    });

    test('a version whose must_match fails is saved but cannot be activated; the active version stays', async () => {
      const failing = {
        ...V2,
        terms: ['quibbleface'],
        mustMatch: ['you absolute scumbag', 'grumbleweed alert'],
      };
      const saved = await api('PUT', `${BASE}/${insultsId}`, { yaml: yamlOf(failing) });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().version.version, 3);
      assert.equal(saved.json().version.testsPassed, false);
      assert.deepEqual(
        saved.json().version.testFailures.map((f: { kind: string; text: string }) => [f.kind, f.text]),
        [
          ['must_match', 'you absolute scumbag'],
          ['must_match', 'grumbleweed alert'],
        ],
      );
      const act = await api('POST', `${BASE}/${insultsId}/versions/3/activate`);
      assert.equal(act.statusCode, 409);
      assert.equal(act.json().error.code, 'dictionary_tests_failed');
      assert.match(act.json().error.message, /you absolute scumbag/);
      assert.match(act.json().error.message, /grumbleweed alert/);
      // Saving with activate: true is refused as a whole: no version 4.
      const atOnce = await api('PUT', `${BASE}/${insultsId}`, {
        yaml: yamlOf({ ...failing, mustNotMatch: ['quibbleface'] }),
        activate: true,
      });
      assert.equal(atOnce.statusCode, 409);
      assert.match(atOnce.json().error.message, /must not match but did: "quibbleface"/);
      const now = await get(insultsId);
      assert.equal(now.dictionary.activeVersion, 2);
      assert.equal(now.dictionary.latestVersion, 3);
      assert.equal(
        (await tryText(admin, 'you scumbag')).some((m) => m.dictionary === 'insults'),
        true,
        'v2 is still live',
      );
      const actions = await auditActions(insultsId);
      assert.equal(actions.filter((a) => a === 'dictionary.activated').length, 1);
    });

    test('rollback activates an earlier version (audited as a rollback) and the live matcher follows', async () => {
      const res = await api('POST', `${BASE}/${insultsId}/versions/1/activate`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().dictionary.activeVersion, 1);
      assert.equal((await tryText(admin, 'you quibbleface')).length, 0, 'v2-only term gone');
      assert.deepEqual(
        (await tryText(admin, 'what a zorblax')).map((m) => m.matched),
        ['zorblax'],
      );
      assert.equal((await auditActions(insultsId)).at(-1), 'dictionary.rolled_back');
    });

    test('diff is structural: terms, exceptions, patterns, fields and tests, not text', async () => {
      const res = await api('GET', `${BASE}/${insultsId}/diff?from=1&to=2`);
      assert.equal(res.statusCode, 200, res.body);
      const d = res.json();
      assert.deepEqual(d.terms, { added: ['quibbleface'], removed: ['zorblax'] });
      assert.deepEqual(d.exceptions, { added: ['Penistone'], removed: [] });
      assert.deepEqual(d.patterns, {
        added: [{ name: '[0-9]{5}', regex: '[0-9]{5}', caseInsensitive: false }],
        removed: [],
      });
      assert.deepEqual(d.fields, [{ field: 'severity', from: 'high', to: 'critical' }]);
      const back = (await api('GET', `${BASE}/${insultsId}/diff?from=2&to=1`)).json();
      assert.deepEqual(back.terms, { added: ['zorblax'], removed: ['quibbleface'] });
      const tests = (await api('GET', `${BASE}/${insultsId}/diff?from=2&to=3`)).json().tests;
      assert.deepEqual(tests.mustMatch, { added: ['grumbleweed alert'], removed: [] });
      assert.equal((await api('GET', `${BASE}/${insultsId}/diff?from=1&to=42`)).statusCode, 404);
    });

    test('export then import round-trips the YAML exactly; import creates or adds a version', async () => {
      const exp = await api('GET', `${BASE}/${insultsId}/export`);
      assert.equal(exp.statusCode, 200);
      assert.match(String(exp.headers['content-type']), /^text\/yaml/);
      assert.match(String(exp.headers['content-disposition']), /^attachment; filename="insults-v1\.yaml"$/);
      assert.equal(exp.body, yamlOf(V1), 'the active version (1), as saved');
      const imp = await api('POST', `${BASE}/import`, { yaml: exp.body });
      assert.equal(imp.statusCode, 200, imp.body);
      assert.equal(imp.json().created, false);
      assert.equal(imp.json().version.version, 4);
      assert.equal(imp.json().version.source, 'import');
      const same = (await api('GET', `${BASE}/${insultsId}/diff?from=1&to=4`)).json();
      assert.deepEqual(
        [same.terms, same.exceptions, same.fields],
        [{ added: [], removed: [] }, { added: [], removed: [] }, []],
      );
      const fresh = await api('POST', `${BASE}/import`, {
        yaml: yamlOf({ name: 'imported', terms: ['grumbleweed'] }),
        activate: true,
      });
      assert.equal(fresh.json().created, true);
      assert.equal(fresh.json().dictionary.activeVersion, 1);
      const v3 = await api('GET', `${BASE}/${insultsId}/export?version=3`);
      assert.match(v3.body, /grumbleweed alert/);
    });

    test('try-it: obfuscated text matches with offsets into the original text (UTF-16), also against latest versions', async () => {
      const text = '😀 Ｙou absolute sc*mbag, f.u.c.k off';
      const matches = await tryText(admin, text);
      const abuse = matches.filter((m) => m.dictionary === 'abuse');
      assert.ok(
        abuse.some((m) => m.matched === 'sc*mbag' && m.start === text.indexOf('sc*mbag')),
        JSON.stringify(abuse),
      );
      assert.ok(
        abuse.some((m) => m.matched.startsWith('f.u.c.k') && m.start === text.indexOf('f.u.c.k')),
        JSON.stringify(abuse),
      );
      for (const m of matches) assert.equal(text.slice(m.start, m.end), m.matched);
      // Given dictionaries: their LATEST versions (inactive here), and only those dictionaries.
      const draft = await api('POST', BASE, { yaml: yamlOf({ name: 'draft', terms: ['flibbertigibbet'] }) });
      const draftId = draft.json().dictionary.id;
      await api('PUT', `${BASE}/${draftId}`, {
        yaml: yamlOf({ name: 'draft', terms: ['flibbertigibbet', 'quibbleface'] }),
      });
      const sample = 'you flibbertigibbet, you quibbleface, you scumbag';
      assert.deepEqual(
        (await tryText(admin, sample)).map((m) => m.matched),
        ['scumbag', 'scumbag'],
        'live: abuse + insults v1 only',
      );
      assert.deepEqual(
        (await tryText(admin, sample, [draftId])).map((m) => [m.dictionaryId, m.matched]),
        [
          [draftId, 'flibbertigibbet'],
          [draftId, 'quibbleface'],
        ],
      );
      const missing = await api('POST', `${BASE}/try`, { text: 'x', dictionaryIds: ['no-such-id'] });
      assert.equal(missing.statusCode, 404);
    });

    test('bad YAML is a 400 invalid_dictionary naming the line', async () => {
      const bad = 'name: broken\ncategory: abuse\naction: obliterate\nseverity: high\nterms: [x]\n';
      const res = await api('POST', BASE, { yaml: bad });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'invalid_dictionary');
      assert.match(res.json().error.message, /^dictionary line 3: "action" must be one of/);
      const syntax = await api('POST', `${BASE}/import`, { yaml: 'name: x\nterms: [unclosed\n' });
      assert.equal(syntax.statusCode, 400);
      assert.match(syntax.json().error.message, /^dictionary line \d+: /);
      const edit = await api('PUT', `${BASE}/${insultsId}`, { yaml: `${yamlOf(V1)}colour: red\n` });
      assert.equal(edit.statusCode, 400);
      assert.match(edit.json().error.message, /^insults line 14: unknown field "colour"/);
      assert.equal((await get(insultsId)).dictionary.latestVersion, 4, 'nothing saved');
    });

    test('rename through a new version; a rename onto a taken name is refused', async () => {
      const other = await api('POST', BASE, {
        yaml: yamlOf({ name: 'rename-me', terms: ['snollygoster'] }),
        activate: true,
      });
      const id = other.json().dictionary.id;
      const taken = await api('PUT', `${BASE}/${id}`, {
        yaml: yamlOf({ name: 'insults', terms: ['snollygoster'] }),
      });
      assert.equal(taken.statusCode, 409);
      assert.equal(taken.json().error.code, 'dictionary_name_taken');
      const ok = await api('PUT', `${BASE}/${id}`, {
        yaml: yamlOf({ name: 'renamed', terms: ['snollygoster'] }),
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().dictionary.name, 'renamed');
      // The live matcher reports the dictionary's current name even though the active version's YAML has the old one.
      assert.deepEqual(
        (await tryText(admin, 'snollygoster')).map((m) => m.dictionary),
        ['renamed'],
      );
    });

    test('archive deactivates and hides but keeps versions; the name stays reserved until imported back', async () => {
      const del = await api('DELETE', `${BASE}/${insultsId}`);
      assert.equal(del.statusCode, 200, del.body);
      assert.equal(del.json().activeVersion, null);
      assert.ok(del.json().archivedAt > 0);
      assert.equal((await tryText(admin, 'what a zorblax')).length, 0);
      const list = (await api('GET', BASE)).json().dictionaries.map((d: { name: string }) => d.name);
      assert.ok(!list.includes('insults'));
      const all = (await api('GET', `${BASE}?archived=true`))
        .json()
        .dictionaries.map((d: { name: string }) => d.name);
      assert.ok(all.includes('insults'));
      assert.equal((await api('GET', `${BASE}/${insultsId}/versions`)).json().versions.length, 4);
      const create = await api('POST', BASE, { yaml: yamlOf(V1) });
      assert.equal(create.statusCode, 409);
      assert.match(create.json().error.message, /archived/);
      assert.equal((await auditActions(insultsId)).at(-1), 'dictionary.archived');
      const restored = await api('POST', `${BASE}/import`, { yaml: yamlOf(V1), activate: true });
      assert.equal(restored.statusCode, 200, restored.body);
      assert.deepEqual(
        [
          restored.json().created,
          restored.json().dictionary.id,
          restored.json().dictionary.archivedAt,
          restored.json().dictionary.activeVersion,
        ],
        [false, insultsId, null, 5],
      );
    });

    test('another organisation cannot see or change the dictionary (404), and has its own names', async () => {
      const b = await signIn(t, orgB.adminEmail);
      const bApi = as(t, b);
      const before = await get(insultsId);
      for (const [method, url, body] of [
        ['GET', `${BASE}/${insultsId}`],
        ['GET', `${BASE}/${insultsId}/versions`],
        ['GET', `${BASE}/${insultsId}/versions/1`],
        ['GET', `${BASE}/${insultsId}/diff?from=1&to=2`],
        ['GET', `${BASE}/${insultsId}/export`],
        ['GET', `${BASE}/${insultsId}/terms`],
        ['PUT', `${BASE}/${insultsId}`, { yaml: yamlOf(V2) }],
        ['POST', `${BASE}/${insultsId}/versions/2/activate`],
        ['DELETE', `${BASE}/${insultsId}`],
        ['POST', `${BASE}/try`, { text: 'zorblax', dictionaryIds: [insultsId] }],
      ] as const) {
        const res = await bApi(method, url, body);
        assert.equal(res.statusCode, 404, `${method} ${url} → ${res.statusCode} ${res.body}`);
      }
      assert.deepEqual(await get(insultsId), before);
      assert.deepEqual((await bApi('GET', BASE)).json().dictionaries, []);
      assert.deepEqual(
        await tryText(b, 'what a zorblax, you scumbag'),
        [],
        'org B has no active dictionaries',
      );
      const own = await bApi('POST', BASE, { yaml: yamlOf(V1), activate: true });
      assert.equal(own.statusCode, 201, 'names are unique per organisation only');
      assert.deepEqual(
        (await tryText(b, 'what a zorblax')).map((m) => m.dictionaryId),
        [own.json().dictionary.id],
      );
    });

    test('moderators and auditors can view but not change; authors cannot view; comms can change', async () => {
      const mod = await signIn(t, (await addUser(t, orgA.orgId, ['moderator'])).email);
      const aud = await signIn(t, (await addUser(t, orgA.orgId, ['auditor'])).email);
      const author = await signIn(t, (await addUser(t, orgA.orgId, ['author'])).email);
      const comms = await signIn(t, (await addUser(t, orgA.orgId, ['comms'])).email);
      for (const viewer of [mod, aud]) {
        assert.equal((await as(t, viewer)('GET', BASE)).statusCode, 200);
        assert.equal((await as(t, viewer)('GET', `${BASE}/${insultsId}/versions/1`)).statusCode, 200);
        assert.equal((await as(t, viewer)('POST', `${BASE}/try`, { text: 'zorblax' })).statusCode, 200);
      }
      const writes = [
        ['POST', BASE, { yaml: yamlOf({ name: 'by-mod', terms: ['x'] }) }],
        ['PUT', `${BASE}/${insultsId}`, { yaml: yamlOf(V2) }],
        ['POST', `${BASE}/${insultsId}/versions/2/activate`],
        ['DELETE', `${BASE}/${insultsId}`],
        ['POST', `${BASE}/import`, { yaml: yamlOf(V2) }],
        ['POST', `${BASE}/starter`],
      ] as const;
      const before = await get(insultsId);
      for (const [method, url, body] of writes) {
        const res = await as(t, mod)(method, url, body);
        assert.equal(res.statusCode, 403, `moderator ${method} ${url} → ${res.statusCode}`);
      }
      assert.deepEqual(await get(insultsId), before);
      for (const [method, url, body] of [
        ['GET', BASE],
        ['GET', `${BASE}/${insultsId}`],
        ['POST', `${BASE}/try`, { text: 'x' }],
        ['GET', `${BASE}/${insultsId}/terms`],
      ] as const) {
        assert.equal((await as(t, author)(method, url, body)).statusCode, 403, `author ${method} ${url}`);
      }
      const byComms = await as(t, comms)('POST', BASE, {
        yaml: yamlOf({ name: 'by-comms', terms: ['blatherskite'] }),
      });
      assert.equal(byComms.statusCode, 201);
    });

    test('term counters: matches and reviewer decisions, precision, per organisation', async () => {
      const matcher = await getActiveMatcher(t.ctx, orgA.orgId);
      const matches = matcher.match('zorblax! you absolute zorblax and a scumbag');
      assert.equal(matches.filter((m) => m.dictionary === 'insults').length, 3);
      assert.equal(await recordTermMatches(t.ctx.db, orgA.orgId, matches), matches.length);
      await recordTermMatches(t.ctx.db, orgA.orgId, matcher.match('zorblax'));
      for (const confirmed of [true, true, true, false]) {
        assert.equal(
          await recordTermDecision(t.ctx.db, orgA.orgId, {
            dictionary: 'insults',
            term: 'zorblax',
            confirmed,
          }),
          true,
        );
      }
      assert.equal(
        await recordTermDecision(t.ctx.db, orgA.orgId, {
          dictionary: insultsId,
          term: 'scumbag',
          confirmed: false,
        }),
        true,
        'by id too',
      );
      assert.equal(
        await recordTermDecision(t.ctx.db, orgA.orgId, {
          dictionary: 'no-such-dictionary',
          term: 'x',
          confirmed: true,
        }),
        false,
      );
      // Another organisation's counters are its own: org A's dictionary name means nothing there.
      assert.equal(
        await recordTermDecision(t.ctx.db, orgB.orgId, {
          dictionary: insultsId,
          term: 'zorblax',
          confirmed: true,
        }),
        false,
      );
      const res = await api('GET', `${BASE}/${insultsId}/terms`);
      assert.equal(res.statusCode, 200, res.body);
      const byTerm = Object.fromEntries(res.json().terms.map((x: { term: string }) => [x.term, x]));
      assert.deepEqual(byTerm.zorblax, {
        term: 'zorblax',
        kind: 'term',
        inCurrentVersion: true,
        matches: 3,
        decisionsConfirmed: 3,
        decisionsRejected: 1,
        precision: 0.75,
      });
      assert.deepEqual(byTerm.scumbag, {
        term: 'scumbag',
        kind: 'term',
        inCurrentVersion: true,
        matches: 1,
        decisionsConfirmed: 0,
        decisionsRejected: 1,
        precision: 0,
      });
      // Counted before, then removed by a new version: still listed, flagged.
      await api('PUT', `${BASE}/${insultsId}`, {
        yaml: yamlOf({ ...V1, terms: ['scumbag'] }),
        activate: true,
      });
      const after = (await api('GET', `${BASE}/${insultsId}/terms`)).json().terms;
      assert.deepEqual(
        after.map((x: { term: string; inCurrentVersion: boolean; matches: number }) => [
          x.term,
          x.inCurrentVersion,
          x.matches,
        ]),
        [
          ['scumbag', true, 1],
          ['zorblax', false, 3],
        ],
      );
    });

    test('the compiled matcher is cached per organisation and rebuilt when what is active changes', async () => {
      const first = await getActiveMatcher(t.ctx, orgA.orgId);
      assert.equal(await getActiveMatcher(t.ctx, orgA.orgId), first, 'no change: same compiled matcher');
      assert.notEqual(await getActiveMatcher(t.ctx, orgB.orgId), first);
      await api('POST', `${BASE}/${insultsId}/versions/1/activate`);
      const second = await getActiveMatcher(t.ctx, orgA.orgId);
      assert.notEqual(second, first);
      assert.equal(second.dictionaries.get('insults')?.version, 1);
      // Another process activating (a direct database change here) is noticed too.
      await t.ctx.db
        .updateTable('dictionary')
        .set({ active_version: 5 })
        .where('id', '=', insultsId)
        .execute();
      const third = await getActiveMatcher(t.ctx, orgA.orgId);
      assert.notEqual(third, second);
      assert.equal(third.dictionaries.get('insults')?.version, 5);
    });

    test('POST /starter installs only the missing starter dictionaries, audited', async () => {
      const b = as(t, await signIn(t, orgB.adminEmail));
      const first = await b('POST', `${BASE}/starter`);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json().installed.sort(), STARTER_NAMES);
      assert.deepEqual(first.json().notActivated, []);
      const second = await b('POST', `${BASE}/starter`);
      assert.deepEqual([second.json().installed, second.json().skipped.sort()], [[], STARTER_NAMES]);
      const created = await t.ctx.db
        .selectFrom('audit_record')
        .select('action')
        .where('org_id', '=', orgB.orgId)
        .where('action', 'like', 'dictionary.%')
        .execute();
      assert.equal(created.filter((r) => r.action === 'dictionary.created').length, 5 + 1);
      assert.equal(created.filter((r) => r.action === 'dictionary.activated').length, 5 + 1);
    });

    test('`parapet org add` creates the organisation with its starter dictionaries active', async () => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PARAPET_DATA_DIR: t.config.dataDir,
        LOG_LEVEL: 'silent',
      };
      delete env.DATABASE_URL;
      delete env.PARAPET_CONFIG;
      if (t.config.database.kind === 'postgres') env.DATABASE_URL = t.config.database.url;
      const slug = `cli-org-${kind}`;
      const args = [
        'org',
        'add',
        '--name',
        'CLI Org',
        '--slug',
        slug,
        '--admin-email',
        `cli-${kind}@example.test`,
        '--admin-name',
        'CLI Admin',
      ];
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>(
        (resolve, reject) => {
          const child = spawn(process.execPath, [`${ROOT}bin/parapet`, ...args], {
            cwd: ROOT,
            env,
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          let err = '';
          child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
          child.on('error', reject);
          child.on('close', (c) => resolve({ code: c, stderr: err }));
        },
      );
      assert.equal(code, 0, stderr);
      const org = await t.ctx.db
        .selectFrom('organisation')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      const dicts = await t.ctx.db
        .selectFrom('dictionary')
        .select(['name', 'active_version'])
        .where('org_id', '=', org.id)
        .execute();
      assert.deepEqual(
        dicts.map((d) => [d.name, Number(d.active_version)]).sort(),
        STARTER_NAMES.map((n) => [n, 1]),
      );
    });
  });
}
