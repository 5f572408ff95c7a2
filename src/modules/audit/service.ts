import type { Db } from '../../db/database.js';
import { ChainVerifier, describeProblem } from './hash-chain.js';
import { readChain } from './repo.js';

export interface VerifyResult {
  orgId: string;
  ok: boolean;
  recordsChecked: number;
  problem: string | null;
  firstBadSeq: number | null;
}

export async function verifyAuditChain(db: Db, orgId: string): Promise<VerifyResult> {
  const verifier = new ChainVerifier();
  for await (const record of readChain(db, orgId)) {
    const problem = verifier.push(record);
    if (problem) return failed(orgId, verifier.checked, problem);
  }
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  const problem = verifier.finish(head);
  if (problem) return failed(orgId, verifier.checked, problem);
  return { orgId, ok: true, recordsChecked: verifier.checked, problem: null, firstBadSeq: null };
}

function failed(
  orgId: string,
  checked: number,
  problem: ReturnType<ChainVerifier['push']> & object,
): VerifyResult {
  const firstBadSeq = problem.kind === 'truncated' ? problem.lastSeq + 1 : problem.seq;
  return { orgId, ok: false, recordsChecked: checked, problem: describeProblem(problem), firstBadSeq };
}
