import { chainOrgIds } from '../modules/audit/repo.js';
import { verifyAuditChain } from '../modules/audit/service.js';
import { type Command, parse, UsageError, withContext } from './common.js';
import { resolveOrg } from './org-lookup.js';

const USAGE = `parapet audit verify [--org SLUG] [--json]

Recomputes every organisation's audit hash chain (or one with --org) and reports the first record that was
altered, inserted or removed. Exit code 0 when intact, 1 when any chain is broken.`;

export const auditCommand: Command = {
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, { org: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help || !sub) {
      console.log(USAGE);
      return sub || values.help ? 0 : 2;
    }
    if (sub !== 'verify') throw new UsageError(`unknown subcommand "audit ${sub}"`);
    return withContext(async (ctx) => {
      const orgIds = values.org ? [(await resolveOrg(ctx, values.org)).id] : await chainOrgIds(ctx.db);
      const results = [];
      for (const orgId of orgIds) results.push(await verifyAuditChain(ctx.db, orgId));
      const names = new Map(
        (await ctx.db.selectFrom('organisation').select(['id', 'slug']).execute()).map((o) => [o.id, o.slug]),
      );
      if (values.json) console.log(JSON.stringify(results, null, 2));
      else {
        for (const r of results) {
          const who = names.get(r.orgId) ?? r.orgId;
          console.log(
            r.ok
              ? `OK      ${who}: ${r.recordsChecked} records, chain intact`
              : `BROKEN  ${who}: ${r.problem}`,
          );
        }
        if (results.length === 0) console.log('No audit records yet.');
      }
      return results.every((r) => r.ok) ? 0 : 1;
    });
  },
};
