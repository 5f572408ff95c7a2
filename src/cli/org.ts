import { newId } from '../ids.js';
import { cliContext } from '../modules/audit/actor.js';
import { audit } from '../modules/audit/record.js';
import { installStarterDictionaries } from '../modules/dictionaries/starter.js';
import { RESERVED_SLUGS, slugify } from '../modules/identity/setup-service.js';
import { createUser } from '../modules/identity/users-service.js';
import { type Command, parse, requireOption, UsageError, withContext } from './common.js';

const USAGE = `parapet org <add|list>

  org add --name "Org name" --admin-email E --admin-name N [--slug SLUG]
      Creates another organisation (fully isolated from the others) and invites its first administrator.
  org list`;

export const orgCommand: Command = {
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, {
      name: { type: 'string' },
      slug: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
    });
    if (values.help || !sub) {
      console.log(USAGE);
      return sub || values.help ? 0 : 2;
    }
    if (sub === 'list') {
      return withContext(async (ctx) => {
        for (const o of await ctx.db
          .selectFrom('organisation')
          .select(['slug', 'name'])
          .orderBy('slug')
          .execute())
          console.log(`${o.slug.padEnd(30)} ${o.name}`);
        return 0;
      });
    }
    if (sub !== 'add') throw new UsageError(`unknown subcommand "org ${sub}"`);
    const name = requireOption(values.name, 'name');
    const adminEmail = requireOption(values['admin-email'], 'admin-email');
    const adminName = requireOption(values['admin-name'], 'admin-name');
    const slug = values.slug ?? slugify(name);
    if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(slug))
      throw new UsageError('--slug may hold lowercase letters, digits and dashes');
    if (RESERVED_SLUGS.has(slug)) throw new UsageError(`--slug "${slug}" is reserved; choose another`);
    return withContext(async (ctx) => {
      if (await ctx.db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirst()) {
        throw new UsageError(`an organisation with slug "${slug}" exists; choose another with --slug`);
      }
      const orgId = newId();
      const now = Date.now();
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('organisation')
          .values({
            id: orgId,
            name,
            slug,
            require_mfa: 0,
            sso_config: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx
          .insertInto('team')
          .values({ id: newId(), org_id: orgId, parent_id: null, name, kind: 'force', created_at: now })
          .execute();
        await audit(ctx, trx, cliContext(), {
          orgId,
          action: 'organisation.created',
          target: { type: 'organisation', id: orgId },
          summary: { name, slug },
        });
        await installStarterDictionaries(ctx, trx, orgId, cliContext());
      });
      const { inviteUrl } = await createUser(ctx, orgId, cliContext(), {
        email: adminEmail,
        name: adminName,
        roles: ['admin'],
      });
      console.log(
        `Created organisation ${name} (${slug}). Administrator invite link (valid 7 days): ${inviteUrl}`,
      );
      return 0;
    });
  },
};
