import { cliContext } from '../modules/audit/actor.js';
import { ROLES, type Role } from '../modules/identity/roles.js';
import { findUserByEmail } from '../modules/identity/users-repo.js';
import { createUser, listUsersInOrg, setUserStatus } from '../modules/identity/users-service.js';
import { type Command, parse, requireOption, UsageError, withContext } from './common.js';
import { resolveOrg } from './org-lookup.js';

const USAGE = `parapet user <add|list|suspend|reinstate> [options]

  user add --email E --name N --role R [--role R …] [--org SLUG] [--team TEAM_ID] [--password-stdin]
      Creates a user. Roles: ${ROLES.join(', ')}. Without --password-stdin, prints a one-time invite link.
  user list [--org SLUG] [--json]
  user suspend --email E --reason "…"      Signs the user out everywhere at once.
  user reinstate --email E --reason "…"

--org may be left out when there is only one organisation.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const userCommand: Command = {
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      team: { type: 'string' },
      reason: { type: 'string' },
      json: { type: 'boolean' },
      'password-stdin': { type: 'boolean' },
    });
    if (values.help || !sub) {
      console.log(USAGE);
      return sub || values.help ? 0 : 2;
    }
    switch (sub) {
      case 'add': {
        const roles = (values.role ?? []) as Role[];
        for (const r of roles)
          if (!(ROLES as readonly string[]).includes(r))
            throw new UsageError(`unknown role "${r}"; use ${ROLES.join(', ')}`);
        if (roles.length === 0) throw new UsageError('give at least one --role');
        const email = requireOption(values.email, 'email');
        const name = requireOption(values.name, 'name');
        const password = values['password-stdin'] ? await readStdin() : undefined;
        return withContext(async (ctx) => {
          const org = await resolveOrg(ctx, values.org);
          const { user, inviteUrl } = await createUser(ctx, org.id, cliContext(), {
            email,
            name,
            roles,
            teamId: values.team ?? null,
            ...(password !== undefined ? { password } : {}),
          });
          console.log(`Created ${user.email} (${user.roles.join(', ')}) in ${org.name}.`);
          if (inviteUrl) console.log(`One-time invite link (valid 7 days): ${inviteUrl}`);
          return 0;
        });
      }
      case 'list':
        return withContext(async (ctx) => {
          const org = await resolveOrg(ctx, values.org);
          const users = await listUsersInOrg(ctx, org.id, {});
          if (values.json) console.log(JSON.stringify(users, null, 2));
          else
            for (const u of users)
              console.log(
                `${u.status.padEnd(9)} ${u.email.padEnd(36)} ${u.roles.join(',').padEnd(24)} ${u.name}`,
              );
          return 0;
        });
      case 'suspend':
      case 'reinstate': {
        const email = requireOption(values.email, 'email');
        const reason = requireOption(values.reason, 'reason');
        return withContext(async (ctx) => {
          const user = await findUserByEmail(ctx.db, email);
          if (!user) throw new UsageError(`no user with e-mail ${email}`);
          const view = await setUserStatus(
            ctx,
            user.org_id,
            cliContext(),
            user.id,
            sub === 'suspend' ? 'suspended' : 'active',
            reason,
          );
          console.log(`${view.email} is now ${view.status}.`);
          return 0;
        });
      }
      default:
        throw new UsageError(`unknown subcommand "user ${sub}"`);
    }
  },
};
