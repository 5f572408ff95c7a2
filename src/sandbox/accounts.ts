// Creating an official Sandbox account for an organisation: a sandbox user with its own API token, connected
// as a social account (platform 'sandbox') whose credentials { token } go straight into the vault. The token
// is never returned by the API; only connectors see it, decrypted for one call.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { actionContextOf, principalOf } from '../http/auth.js';
import { forbidden } from '../http/errors.js';
import { commonErrors } from '../http/schemas.js';
import type { AccountView } from '../modules/accounts/repo.js';
import { AccountSchema, Labels } from '../modules/accounts/schemas.js';
import { connectAccount } from '../modules/accounts/service.js';
import type { ActionContext } from '../modules/audit/actor.js';
import { policy } from '../modules/identity/policy.js';
import type { Principal } from '../modules/identity/roles.js';
import { createSandboxUser } from './service.js';

/**
 * The building block: a new official sandbox user and its API token (returned once, stored only hashed).
 * The caller must put the token into the vault and drop it.
 */
export async function createSandboxOfficialAccount(
  ctx: AppContext,
  input: { handle: string; displayName?: string },
): Promise<{ userId: string; handle: string; token: string }> {
  const { user, token } = await createSandboxUser(ctx.db, { ...input, kind: 'official' });
  return { userId: user.id, handle: user.handle, token };
}

/** Creates the sandbox user and connects it to the principal's organisation as a social account. */
export async function connectSandboxAccount(
  ctx: AppContext,
  p: Principal,
  actx: ActionContext,
  input: { handle: string; displayName?: string; ownerTeamId?: string | null; labels?: string[] },
): Promise<AccountView> {
  // Checked first so a refused caller leaves no orphan sandbox user behind.
  if (!policy.manageAccounts(p)) throw forbidden();
  const created = await createSandboxOfficialAccount(ctx, input);
  try {
    return await connectAccount(ctx, p, actx, {
      platform: 'sandbox',
      platformAccountId: created.userId,
      handle: created.handle,
      displayName: input.displayName ?? created.handle,
      baseUrl: ctx.config.publicUrl,
      ownerTeamId: input.ownerTeamId ?? null,
      labels: input.labels ?? ['sandbox'],
      credentials: { token: created.token },
    });
  } catch (err) {
    // The account was not connected (e.g. unknown team): remove the sandbox user so the handle is free again.
    await ctx.db.deleteFrom('sandbox_token').where('user_id', '=', created.userId).execute();
    await ctx.db.deleteFrom('sandbox_user').where('id', '=', created.userId).execute();
    throw err;
  }
}

const CreateBody = Type.Object(
  {
    handle: Type.String({ pattern: '^[A-Za-z0-9_]{2,30}$' }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    ownerTeamId: Type.Optional(Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 100 })])),
    labels: Type.Optional(Labels),
  },
  { additionalProperties: false },
);

export async function sandboxAdminRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/sandbox/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an official account on the built-in Sandbox network and connect it (admin, comms)',
        body: CreateBody,
        response: { 201: AccountSchema, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await connectSandboxAccount(ctx, principalOf(request), actionContextOf(request), request.body)),
  );
}
