import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type ChainedFields,
  type ChainProblem,
  ChainVerifier,
  describeProblem,
  GENESIS_HASH,
  hashRecord,
} from './hash-chain.js';

type Rec = ChainedFields & { id: string; hash: string };

/** Builds an intact chain of n records the way appendAudit does. */
function chain(n: number, orgId = 'org-1'): Rec[] {
  const out: Rec[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      org_id: orgId,
      seq,
      actor_type: 'user',
      actor_id: 'u1',
      actor_label: 'admin@example.test',
      action: `thing.done_${seq}`,
      target_type: 'user',
      target_id: `t${seq}`,
      summary: JSON.stringify({ n: seq }),
      ip: '127.0.0.1',
      request_id: `req-${seq}`,
      created_at: 1_700_000_000_000 + seq,
      prev_hash: prev,
    };
    const hash = hashRecord(fields);
    out.push({ ...fields, id: `id-${seq}`, hash });
    prev = hash;
  }
  return out;
}

const rehash = (r: Rec): Rec => ({ ...r, hash: hashRecord(r) });
const head = (records: Rec[]) => ({ seq: records.length, hash: records[records.length - 1]!.hash });

/** Feeds records in the given order, then the head; returns the first problem. */
function verify(records: Rec[], h: { seq: number; hash: string } | undefined): ChainProblem | null {
  const v = new ChainVerifier();
  for (const r of records) {
    const problem = v.push(r);
    if (problem) return problem;
  }
  return v.finish(h);
}

void describe('ChainVerifier', () => {
  test('an intact chain passes, and counts what it checked', () => {
    const records = chain(6);
    const v = new ChainVerifier();
    for (const r of records) assert.equal(v.push(r), null);
    assert.equal(v.finish(head(records)), null);
    assert.equal(v.checked, 6);
    assert.equal(verify([], undefined), null);
  });

  test('every field is covered by the hash', () => {
    const [r] = chain(1);
    const fields = Object.keys(r!).filter((k) => k !== 'id' && k !== 'hash') as (keyof ChainedFields)[];
    for (const f of fields) {
      const changed = { ...r!, [f]: typeof r![f] === 'number' ? Number(r![f]) + 1 : `${r![f]}x` };
      assert.notEqual(hashRecord(changed), r!.hash, `${f} is not covered`);
    }
  });

  test('altered content is reported at that record', () => {
    const records = chain(5);
    records[2] = { ...records[2]!, summary: JSON.stringify({ n: 999 }) };
    assert.deepEqual(verify(records, head(chain(5))), { kind: 'altered', seq: 3, id: 'id-3' });
  });

  test('an altered hash is reported (content no longer matches it)', () => {
    const records = chain(5);
    records[1] = { ...records[1]!, hash: 'f'.repeat(64) };
    assert.deepEqual(verify(records, head(chain(5))), { kind: 'altered', seq: 2, id: 'id-2' });
  });

  test('content altered and rehashed breaks the link to the next record', () => {
    const records = chain(5);
    records[1] = rehash({ ...records[1]!, actor_label: 'someone-else' });
    const p = verify(records, head(chain(5)));
    assert.deepEqual(p, { kind: 'inserted', seq: 3, id: 'id-3' });
    assert.match(describeProblem(p!), /#3/);
    assert.match(describeProblem(p!), /#2/, 'the message points at the record before the break too');
  });

  test('a removed middle record is reported with its seq and the record before it', () => {
    const records = chain(5);
    records.splice(2, 1);
    const p = verify(records, head(chain(5)));
    assert.deepEqual(p, { kind: 'removed', seq: 3, afterId: 'id-2' });
    assert.match(describeProblem(p!), /#3 was removed/);
  });

  test('removing the first record is detected', () => {
    const records = chain(3).slice(1);
    assert.deepEqual(verify(records, head(chain(3))), { kind: 'removed', seq: 1, afterId: null });
  });

  test('removing the newest record is detected against the head (truncation)', () => {
    const full = chain(5);
    const p = verify(full.slice(0, 4), head(full));
    assert.deepEqual(p, { kind: 'truncated', expectedSeq: 5, lastSeq: 4 });
    assert.match(describeProblem(p!), /ends at record #4 but 5 records/);
  });

  test('a newest record that is not the one the head recorded is reported as replaced', () => {
    const full = chain(3);
    assert.deepEqual(verify(full, { seq: 3, hash: 'a'.repeat(64) }), {
      kind: 'replaced',
      seq: 3,
      id: 'id-3',
    });
    // The newest record swapped for a rehashed forgery that links correctly to #2.
    const forged = rehash({ ...full[2]!, id: 'forged', summary: '{"n":0}' });
    const p = verify([full[0]!, full[1]!, forged], head(full));
    assert.deepEqual(p, { kind: 'replaced', seq: 3, id: 'forged' });
    assert.match(describeProblem(p!), /#3 \(forged\) was replaced/);
  });

  test('a record appended past the head is reported as inserted, not as truncation', () => {
    const full = chain(5);
    const p = verify(full, head(full.slice(0, 4)));
    assert.equal(p?.kind, 'inserted');
    assert.equal((p as { seq: number }).seq, 5);
    assert.doesNotMatch(describeProblem(p!), /removed/);
  });

  test('an inserted record with a duplicate seq is reported', () => {
    const records = chain(4);
    const forged = rehash({ ...records[1]!, id: 'forged', action: 'evil.thing' });
    records.splice(2, 0, forged);
    assert.deepEqual(verify(records, head(chain(4))), { kind: 'inserted', seq: 2, id: 'forged' });
  });

  test('an inserted record with renumbered successors is reported where the chain breaks', () => {
    const original = chain(4);
    // A forger slips X in as #3, linking it correctly to #2, and renumbers (and rehashes) #3..#4 to #4..#5.
    const x = rehash({ ...original[2]!, id: 'x', action: 'evil.thing', prev_hash: original[1]!.hash });
    const shifted = original.slice(2).map((r) => rehash({ ...r, seq: r.seq + 1 }));
    const records = [original[0]!, original[1]!, x, ...shifted];
    const p = verify(records, { seq: 5, hash: shifted[shifted.length - 1]!.hash });
    assert.deepEqual(p, { kind: 'inserted', seq: 4, id: 'id-3' });
  });

  test('re-ordered records are detected, whether or not the forger rehashes', () => {
    const original = chain(4);
    // Fed out of seq order (as if the seq column had been swapped without care).
    assert.deepEqual(verify([original[0]!, original[2]!, original[1]!, original[3]!], head(original)), {
      kind: 'removed',
      seq: 2,
      afterId: 'id-1',
    });
    // Seqs swapped: the seq is hashed, so the content no longer matches.
    const swapped = [original[0]!, { ...original[2]!, seq: 2 }, { ...original[1]!, seq: 3 }, original[3]!];
    assert.deepEqual(verify(swapped, head(original)), { kind: 'altered', seq: 2, id: 'id-3' });
    // Seqs swapped and rehashed: the links no longer match.
    const rehashed = swapped.map((r) => rehash(r));
    assert.deepEqual(verify(rehashed, head(original)), { kind: 'inserted', seq: 2, id: 'id-3' });
  });

  test('records of another organisation cannot be spliced in', () => {
    const mine = chain(3, 'org-1');
    const theirs = chain(3, 'org-2');
    const p = verify([mine[0]!, theirs[1]!, mine[2]!], head(mine));
    assert.equal(p?.kind, 'inserted');
    assert.equal((p as { seq: number }).seq, 2);
  });
});
