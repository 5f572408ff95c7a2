import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams, Reason } from '../../http/schemas.js';
import { DetectionSchema, HijackStateSchema, PolicySchema } from './schemas.js';
import { getHijackState, listDetections, setHijackPolicy, unlockAccount } from './service.js';

const tags = ['hijack'];
const strict = { additionalProperties: false } as const;

export async function hijackRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.put(
    '/api/v1/accounts/:id/hijack-policy',
    {
      schema: {
        tags,
        summary: "What a post not made through Parapet triggers: 'alert', or 'delete_and_lock'",
        params: IdParams,
        body: Type.Object({ policy: PolicySchema }, strict),
        response: { 200: Type.Object({ accountId: Type.String(), policy: PolicySchema }), ...commonErrors },
      },
    },
    async (request) =>
      setHijackPolicy(
        ctx,
        principalOf(request),
        actionContextOf(request),
        request.params.id,
        request.body.policy,
      ),
  );

  app.get(
    '/api/v1/accounts/:id/hijack-policy',
    {
      schema: {
        tags,
        summary: "The account's hijack policy and the outcome of its last check",
        params: IdParams,
        response: {
          200: HijackStateSchema,
          ...commonErrors,
        },
      },
    },
    async (request) => getHijackState(ctx, principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/accounts/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Unlock an account locked by hijack detection, once investigated',
        params: IdParams,
        body: Type.Object({ reason: Reason }, strict),
        response: {
          200: Type.Object({ accountId: Type.String(), status: Type.Literal('active') }),
          ...commonErrors,
        },
      },
    },
    async (request) =>
      unlockAccount(
        ctx,
        principalOf(request),
        actionContextOf(request),
        request.params.id,
        request.body.reason,
      ),
  );

  app.get(
    '/api/v1/hijack/detections',
    {
      schema: {
        tags,
        summary: 'Posts found on accounts that Parapet did not publish, newest first',
        querystring: Type.Object(
          {
            accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          strict,
        ),
        response: { 200: Type.Object({ detections: Type.Array(DetectionSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ detections: await listDetections(ctx, principalOf(request), request.query) }),
  );
}
