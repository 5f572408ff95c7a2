// Helpers for audit-log tests: read an organisation's chain, and make requests as a session from a given IP.
import { sql } from 'kysely';
import type { AuditRecordTable } from '../../src/db/schema.js';
import type { Session, TestApp } from './app.js';

export async function chainOf(t: TestApp, orgId: string): Promise<AuditRecordTable[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_record')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq), created_at: Number(r.created_at) }));
}

export const CLIENT_IP = '203.0.113.7';

/** Like `as()`, but from a fixed client address and with optional extra headers (e.g. x-request-id). */
export function client(t: TestApp, s: Session) {
  return (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      remoteAddress: CLIENT_IP,
      headers: { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
}

/** Makes every audit append fail at the database, to prove a change and its record commit or roll back together. */
export async function breakAuditInserts(t: TestApp): Promise<() => Promise<void>> {
  if (t.ctx.dbKind === 'sqlite') {
    await sql`create trigger audit_down before insert on audit_record begin select raise(abort, 'audit store down'); end`.execute(
      t.ctx.db,
    );
    return async () => void (await sql`drop trigger audit_down`.execute(t.ctx.db));
  }
  await sql`create function audit_down() returns trigger language plpgsql as $$ begin raise exception 'audit store down'; end $$`.execute(
    t.ctx.db,
  );
  await sql`create trigger audit_down before insert on audit_record for each row execute function audit_down()`.execute(
    t.ctx.db,
  );
  return async () => {
    await sql`drop trigger audit_down on audit_record`.execute(t.ctx.db);
    await sql`drop function audit_down()`.execute(t.ctx.db);
  };
}
