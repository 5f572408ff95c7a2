import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ConnectorError } from '../../connectors/errors.js';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { commonErrors, ErrorBody, IdParams } from '../../http/schemas.js';
import { finishConnect, startConnect } from './oauth.js';
import {
  AccountSchema,
  ConnectBody,
  ListQuery,
  PatchBody,
  PlatformSchema,
  ReasonBody,
  ReplaceCredentialsBody,
} from './schemas.js';
import { getAccount, listAccounts, replaceCredentials, setSuspended, updateAccount } from './service.js';
import { connectWithVerifiedCredentials } from './verify.js';

const tags = ['accounts'];
const PlatformParams = Type.Object({ platform: PlatformSchema }, { additionalProperties: false });
// Mastodon only: the instance to connect (https://host).
const StartQuery = Type.Object({ instance: Type.Optional(Type.String({ maxLength: 300 })) });
const CallbackQuery = Type.Object({
  state: Type.String({ minLength: 1, maxLength: 200 }),
  code: Type.Optional(Type.String({ maxLength: 2000 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
});

export async function accountsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/accounts',
    {
      schema: {
        tags,
        summary: 'Social accounts you may see (filter by platform, status, owner team, label)',
        querystring: ListQuery,
        response: { 200: Type.Object({ accounts: Type.Array(AccountSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ accounts: await listAccounts(ctx, principalOf(request), request.query) }),
  );

  app.post(
    '/api/v1/accounts',
    {
      schema: {
        tags,
        summary: 'Connect an account with credentials given directly (kept in the vault, never shown again)',
        body: ConnectBody,
        response: { 201: AccountSchema, ...commonErrors, 502: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await connectWithVerifiedCredentials(
            ctx,
            principalOf(request),
            actionContextOf(request),
            request.body,
          ),
        ),
  );

  app.get(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags,
        summary: 'One account',
        params: IdParams,
        response: { 200: AccountSchema, ...commonErrors },
      },
    },
    async (request) => getAccount(ctx, principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Change the display name, owner team or labels',
        params: IdParams,
        body: PatchBody,
        response: { 200: AccountSchema, ...commonErrors },
      },
    },
    async (request) =>
      updateAccount(ctx, principalOf(request), actionContextOf(request), request.params.id, request.body),
  );

  for (const [action, suspend] of [
    ['suspend', true],
    ['reinstate', false],
  ] as const) {
    app.post(
      `/api/v1/accounts/:id/${action}`,
      {
        schema: {
          tags,
          summary: suspend
            ? 'Suspend an account (nothing but viewing until reinstated)'
            : 'Reinstate a suspended account',
          params: IdParams,
          body: ReasonBody,
          response: { 200: AccountSchema, ...commonErrors },
        },
      },
      async (request) =>
        setSuspended(
          ctx,
          principalOf(request),
          actionContextOf(request),
          request.params.id,
          suspend,
          request.body.reason,
        ),
    );
  }

  app.put(
    '/api/v1/accounts/:id/credentials',
    {
      schema: {
        tags,
        summary: "Replace an account's credentials (an expired account becomes active again)",
        params: IdParams,
        body: ReplaceCredentialsBody,
        response: { 200: AccountSchema, ...commonErrors },
      },
    },
    async (request) =>
      replaceCredentials(
        ctx,
        principalOf(request),
        actionContextOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.get(
    '/api/v1/accounts/connect/:platform/start',
    {
      schema: {
        tags,
        summary: "Start connecting an account through the platform's OAuth (redirects to the platform)",
        params: PlatformParams,
        querystring: StartQuery,
        response: { ...commonErrors, 502: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.redirect(
        await startConnect(ctx, principalOf(request), request.params.platform, {
          actx: actionContextOf(request),
          instance: request.query.instance,
        }),
      ),
  );

  app.get(
    '/api/v1/accounts/connect/:platform/callback',
    {
      schema: {
        tags,
        summary: 'Where the platform sends the browser back; stores the tokens and shows the account',
        params: PlatformParams,
        querystring: CallbackQuery,
        response: { ...commonErrors, 502: ErrorBody },
      },
    },
    async (request, reply) => {
      try {
        const account = await finishConnect(
          ctx,
          principalOf(request),
          actionContextOf(request),
          request.params.platform,
          request.query,
        );
        // Back into the dashboard, on the account just connected.
        const id = encodeURIComponent(account.id);
        return reply.redirect(`/app/accounts/${id}?accountConnected=${id}`);
      } catch (err) {
        if (!(err instanceof ConnectorError)) throw err;
        request.log.warn({ err: { message: err.message } }, 'account connect failed');
        throw new AppError(502, 'platform_error', 'The platform refused to connect the account; try again.');
      }
    },
  );
}
