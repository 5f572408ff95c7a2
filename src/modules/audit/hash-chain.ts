// Pure hash-chain logic for audit records, shared by append and verify.
import { createHash } from 'node:crypto';
import type { AuditRecordTable } from '../../db/schema.js';

export const GENESIS_HASH = '0'.repeat(64);

/** Every column of an audit record except its id and its own hash: what the hash covers. */
export type ChainedFields = Omit<AuditRecordTable, 'id' | 'hash'>;

/** The hash covers every field and the previous record's hash, in a fixed order. */
export function hashRecord(r: ChainedFields): string {
  const canonical = JSON.stringify([
    r.org_id,
    r.seq,
    r.actor_type,
    r.actor_id,
    r.actor_label,
    r.action,
    r.target_type,
    r.target_id,
    r.summary,
    r.ip,
    r.request_id,
    r.created_at,
    r.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainProblem =
  | { kind: 'altered'; seq: number; id: string }
  | { kind: 'removed'; seq: number; afterId: string | null }
  | { kind: 'inserted'; seq: number; id: string }
  | { kind: 'replaced'; seq: number; id: string }
  | { kind: 'truncated'; expectedSeq: number; lastSeq: number };

/**
 * Checks one organisation's records fed in seq order and reports the first problem: a record whose own
 * hash is wrong (altered), a gap in seq (removed), a record whose prev_hash does not link to its
 * predecessor (inserted or re-ordered), or a chain shorter than the head row says (newest removed), longer
 * than it says (appended past the head), or ending in a record the head does not know (newest replaced).
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private prevId: string | null = null;

  get checked(): number {
    return this.expectedSeq - 1;
  }

  push(r: ChainedFields & { id: string; hash: string }): ChainProblem | null {
    if (r.seq > this.expectedSeq) return { kind: 'removed', seq: this.expectedSeq, afterId: this.prevId };
    if (r.seq < this.expectedSeq) return { kind: 'inserted', seq: r.seq, id: r.id };
    if (hashRecord(r) !== r.hash) return { kind: 'altered', seq: r.seq, id: r.id };
    if (r.prev_hash !== this.prevHash) return { kind: 'inserted', seq: r.seq, id: r.id };
    this.prevHash = r.hash;
    this.prevId = r.id;
    this.expectedSeq++;
    return null;
  }

  finish(head: { seq: number; hash: string } | undefined): ChainProblem | null {
    const last = this.expectedSeq - 1;
    // Records beyond the head were added without going through appendAudit.
    if (head && last > Number(head.seq)) {
      const seq = Number(head.seq) + 1;
      return { kind: 'inserted', seq, id: seq === last ? (this.prevId ?? '') : '' };
    }
    // The newest record links correctly but is not the one the head recorded: it was swapped for a forgery.
    if (head && last > 0 && Number(head.seq) === last && head.hash !== this.prevHash) {
      return { kind: 'replaced', seq: last, id: this.prevId ?? '' };
    }
    if (head && (Number(head.seq) !== last || head.hash !== this.prevHash)) {
      return { kind: 'truncated', expectedSeq: Number(head.seq), lastSeq: last };
    }
    return null;
  }
}

export function describeProblem(p: ChainProblem): string {
  switch (p.kind) {
    case 'altered':
      return `record #${p.seq} (${p.id}) was altered: its content no longer matches its hash`;
    case 'removed':
      return `record #${p.seq} was removed (the chain jumps past it${p.afterId ? ` after ${p.afterId}` : ''})`;
    case 'inserted':
      // A broken link cannot tell which side is forged: this record, or a replaced record #seq-1 before it.
      return `record #${p.seq}${p.id ? ` (${p.id})` : ''} was inserted or re-ordered, or record #${p.seq - 1} before it was replaced: the chain does not link there`;
    case 'replaced':
      return `record #${p.seq} (${p.id}) was replaced: it is not the record the log wrote as its newest`;
    case 'truncated':
      return `the chain ends at record #${p.lastSeq} but ${p.expectedSeq} records were written: the newest were removed`;
  }
}
