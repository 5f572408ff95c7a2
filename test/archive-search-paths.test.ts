// Archive full-text search plans (search.ts): on SQLite a word in many items is read newest-rowid first
// (newestByRowid) instead of looking up every match, and a word in some thousands is searched in time windows
// of the newest rows (newestInWindow); on PostgreSQL the newest rows are tested first, then time windows, and
// the GIN index alone when they do not hold a page (newestByScan). Every plan must give the same pages, in the same
// order, for the same data: items stored out of time order, ties on received_at at a page boundary, filters,
// upper time bounds, cursors and empty results. Thresholds are lowered to force each plan on small data.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type ArchiveFilters,
  type ArchiveHit,
  searchArchive,
  searchTuning,
} from '../src/modules/archive/search.js';
import { createOrg, startTestApp, type TestApp } from './helpers/app.js';
import { DAY, editPost } from './helpers/archive.js';
import { testDbKinds } from './helpers/databases.js';
import { seedPost } from './helpers/publish-fixtures.js';
import { insertAccount, insertItem } from './helpers/review-fixtures.js';

const BASE = Date.UTC(2026, 5, 1);

interface Planted {
  id: string;
  text: string;
  at: number;
  account: string;
  status: string;
}

for (const kind of testDbKinds)
  describe(`archive search plans (${kind})`, () => {
    let t: TestApp;
    let orgId: string;
    let adminId: string;
    let acctA: string;
    let acctB: string;
    const planted: Planted[] = [];
    const defaults = { ...searchTuning };

    before(async () => {
      t = await startTestApp(kind);
      ({ orgId, adminId } = await createOrg(t));
      acctA = await insertAccount(t, orgId);
      acctB = await insertAccount(t, orgId);
      // Stored in this order, so rowids follow it; times do not: most arrive in time order, some are imports of
      // older items stored last, some are stamped ahead (clock step), and five share one millisecond.
      const times: number[] = [];
      for (let i = 0; i < 40; i++) times.push(BASE + i * DAY);
      for (let i = 0; i < 5; i++) times.push(BASE + 20 * DAY + 7); // ties, stored together
      for (let i = 0; i < 6; i++) times.push(BASE + (3 + i * 5) * DAY + 1); // old imports, stored late
      times.push(BASE + 100 * DAY, BASE + 41 * DAY); // clock stepped ahead, then back
      for (const [i, at] of times.entries()) {
        const words = ['hello'];
        if (i % 3 !== 0) words.push('council');
        if (i % 7 === 0) words.push('Lantern');
        if (i === 47) words.push('bicycle');
        const text = `${words.join(' ')} item ${i}`;
        const account = i % 4 === 0 ? acctB : acctA;
        const id = await insertItem(t, orgId, account, { text, receivedAt: at });
        const status = i % 5 === 0 ? 'hidden' : 'clear';
        await t.ctx.db.updateTable('inbound_item').set({ status }).where('id', '=', id).execute();
        planted.push({ id, text: text.toLowerCase(), at, account, status });
      }
    });
    after(async () => {
      Object.assign(searchTuning, defaults);
      await t.close();
    });

    const ctx = () => ({ db: t.ctx.db, dbKind: t.ctx.dbKind });

    /** Every page of a search, limit 4, following the cursors. */
    async function allPages(f: ArchiveFilters, limit = 4): Promise<ArchiveHit[][]> {
      const pages: ArchiveHit[][] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 100; i++) {
        const page = await searchArchive(ctx(), orgId, ['inbound'], f, { limit, cursor });
        pages.push(page.items);
        if (!page.nextCursor) return pages;
        cursor = page.nextCursor;
      }
      throw new Error('more than 100 pages');
    }

    /**
     * The same pages with the plain plan and with the rowid-order plan forced (threshold at its floor): as tuned,
     * with no margin (rows out of order are then checked in FTS5), with the upper-bound start at the newest row
     * below it (rows stored after it are then checked), and with no room for rows out of order (fallback).
     */
    async function bothPlans(f: ArchiveFilters, limit = 4) {
      Object.assign(searchTuning, { manyMatches: 1_000_000_000, pgScanRows: 1_000_000_000 });
      const plain = await allPages(f, limit);
      const forced: ArchiveHit[][][] = [];
      for (const tuning of [
        {},
        { margin: 0 },
        { margin: 0, lookback: 1 },
        { margin: 1, lookback: 2 },
        { maxOutOfOrder: 0, margin: 0, lookback: 1 },
        // PostgreSQL: the newest rows hold the page, or not (GIN lookup), or are all the rows there are.
        { pgScanRows: 1 },
        { pgScanRows: 6 },
        { pgScanRows: 13 },
        // Time windows (growingWindows / newestInWindow), SQLite and PostgreSQL: as tuned; starting so small
        // they miss the page and grow; in between; larger than the whole scope (no lower bound at all); too
        // small and not allowed to grow (the plain plan must then answer); not allowed at all.
        { manyMatches: 1_000_000_000, fewMatches: 1, pgScanRows: 6 },
        { manyMatches: 1_000_000_000, fewMatches: 1, pgScanRows: 6, windowFactor: 0.01 },
        { manyMatches: 1_000_000_000, fewMatches: 1, pgScanRows: 3, windowFactor: 0.4 },
        { manyMatches: 1_000_000_000, fewMatches: 1, pgScanRows: 13, windowFactor: 1000 },
        { manyMatches: 1_000_000_000, fewMatches: 1, pgScanRows: 6, windowFactor: 0.01, maxWindow: 6 },
        { manyMatches: 1_000_000_000, fewMatches: 1, pgScanRows: 6, maxWindow: 0 },
      ]) {
        Object.assign(searchTuning, defaults, { manyMatches: 1 }, tuning);
        forced.push(await allPages(f, limit));
      }
      Object.assign(searchTuning, defaults);
      return { plain, rowid: forced[0]!, forced };
    }

    const ids = (pages: ArchiveHit[][]) => pages.flat().map((h) => h.id);
    /** What the archive must return: all words present, filters applied, newest first, id desc on ties. */
    const expected = (words: string[], keep: (p: Planted) => boolean = () => true) =>
      planted
        .filter((p) => words.every((w) => p.text.split(/[^a-z0-9]+/).includes(w)) && keep(p))
        .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
        .map((p) => p.id);

    const cases: Array<[string, ArchiveFilters, string[], (p: Planted) => boolean]> = [
      ['common word', { q: 'council' }, ['council'], () => true],
      ['rare word, any case', { q: 'LANTERN' }, ['lantern'], () => true],
      ['two words', { q: 'council lantern' }, ['council', 'lantern'], () => true],
      ['common word + account', { q: 'council', accountId: 'B' }, ['council'], () => true],
      ['common word + status', { q: 'council', status: 'hidden' }, ['council'], (p) => p.status === 'hidden'],
      [
        'common word + period',
        { q: 'hello', from: BASE + 10 * DAY, to: BASE + 25 * DAY },
        ['hello'],
        (p) => p.at >= BASE + 10 * DAY && p.at < BASE + 25 * DAY,
      ],
      ['only an out-of-order item matches', { q: 'bicycle' }, ['bicycle'], () => true],
      [
        'common word, upper bound only',
        { q: 'council', to: BASE + 42 * DAY },
        ['council'],
        (p) => p.at < BASE + 42 * DAY,
      ],
      [
        'common word, upper bound below items stored later',
        { q: 'hello', to: BASE + 12 * DAY },
        ['hello'],
        (p) => p.at < BASE + 12 * DAY,
      ],
    ];

    for (const [name, f0, words, keep0] of cases)
      it(`gives the same pages with both plans: ${name}`, async () => {
        const f = { ...f0, accountId: f0.accountId === 'B' ? acctB : f0.accountId };
        const keep = f0.accountId === 'B' ? (p: Planted) => p.account === acctB && keep0(p) : keep0;
        const want = expected(words, keep);
        assert.ok(want.length > 0, 'the fixture has matches for this case');
        const { plain, forced } = await bothPlans(f);
        assert.deepEqual(ids(plain), want);
        // Page by page, not only overall: the boundaries are where the plans could differ.
        const pageIds = (pages: ArchiveHit[][]) => pages.map((p) => p.map((h) => h.id));
        for (const [i, pages] of forced.entries())
          assert.deepEqual(pageIds(pages), pageIds(plain), `rowid plan, tuning ${i}`);
      });

    it('keeps a page boundary inside a run of equal times stable, without repeats or gaps', async () => {
      const want = expected(['hello']);
      for (const limit of [1, 2, 3, 5, 7]) {
        const { plain, rowid, forced } = await bothPlans({ q: 'hello' }, limit);
        assert.deepEqual(ids(plain), want, `plain plan, limit ${limit}`);
        for (const [i, pages] of forced.entries())
          assert.deepEqual(ids(pages), want, `rowid plan, tuning ${i}, limit ${limit}`);
        assert.ok(
          rowid.slice(0, -1).every((p) => p.length === limit),
          'every page but the last is full',
        );
      }
    });

    it('gives the same pages of posts with the newest-posts test and the GIN lookup (PostgreSQL)', async () => {
      // Posts: every third mentions "harbour"; one only in an earlier revision (the archive keeps edits); two
      // share a time. Times are set apart from insertion order.
      const want: Array<{ id: string; at: number }> = [];
      for (let i = 0; i < 14; i++) {
        const text = i % 3 === 0 || i === 13 ? `harbour notice ${i}` : `road notice ${i}`;
        const id = await seedPost(t, {
          orgId,
          accountId: acctA,
          authorId: adminId,
          text,
          status: 'published',
        });
        if (i === 13) await editPost(t, orgId, id, adminId, `road notice ${i}`);
        const at = i === 4 ? BASE + 6 * DAY : BASE + ((i * 5) % 14) * DAY;
        await t.ctx.db.updateTable('post').set({ created_at: at }).where('id', '=', id).execute();
        if (i % 3 === 0 || i === 13) want.push({ id, at });
      }
      want.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
      const postPages = async (limit: number) => {
        const pages: string[][] = [];
        let cursor: string | undefined;
        do {
          const page = await searchArchive(ctx(), orgId, ['post'], { q: 'harbour' }, { limit, cursor });
          pages.push(page.items.map((h) => h.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return pages;
      };
      for (const limit of [1, 2, 4]) {
        const runs: string[][][] = [];
        for (const pgScanRows of [1_000_000_000, 1, 3, 7]) {
          Object.assign(searchTuning, defaults, { pgScanRows });
          runs.push(await postPages(limit));
        }
        Object.assign(searchTuning, defaults);
        assert.deepEqual(
          runs[0]!.flat(),
          want.map((w) => w.id),
        );
        for (const pages of runs.slice(1)) assert.deepEqual(pages, runs[0], `limit ${limit}`);
      }
    });

    it('returns empty results, not errors, when nothing matches', async () => {
      for (const f of [
        { q: 'nosuchword' },
        { q: 'council', accountId: 'no-such-account' },
        { q: 'council', from: BASE - 10 * DAY, to: BASE - DAY },
        { q: 'lantern bicycle' },
      ]) {
        const { plain, forced } = await bothPlans(f);
        for (const pages of [plain, ...forced]) assert.deepEqual(pages, [[]]);
      }
    });
  });
