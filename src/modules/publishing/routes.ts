import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, ErrorBody, IdParams } from '../../http/schemas.js';
import { getApprovalPolicy, setApprovalPolicy } from './approvals-policy.js';
import { decide, listApprovals } from './approvals-service.js';
import { checkDraft } from './compose-check.js';
import { editPost } from './compose-edit.js';
import { ComposeError } from './compose-errors.js';
import { getPost, listPosts } from './compose-queries.js';
import { cancelPost, composePosts, submitPost } from './compose-service.js';
import { getSettings, putSettings } from './compose-settings.js';
import {
  ApprovalItemSchema,
  ApprovalPolicyBody,
  ApprovalPolicySchema,
  ApprovalsQuery,
  ApproveBody,
  CancelBody,
  CheckBody,
  CheckResultSchema,
  ComposeBody,
  DetailedErrorBody,
  EditBody,
  ListQuery,
  PostDetailSchema,
  PostSchema,
  RejectBody,
  SettingsBody,
  SettingsSchema,
} from './schemas.js';

const tags = ['publishing'];
// Submits can fail on platform limits (400), outbound dictionaries (422) or the posting rate (429).
const submitErrors = { ...commonErrors, 400: DetailedErrorBody, 422: DetailedErrorBody, 429: ErrorBody };

/** Lets clients send no body at all where every field is optional (cancel, approve); a JSON null is still refused. */
const bodyOptional = async (request: FastifyRequest) => {
  if (request.body === undefined) request.body = {};
};

/** Sends compose errors with their details (limits broken, matches to highlight); others go to the handler. */
async function withDetails<T>(reply: FastifyReply, status: number, run: () => Promise<T>) {
  try {
    return reply.status(status).send(await run());
  } catch (err) {
    if (!(err instanceof ComposeError)) throw err;
    return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...err.details } });
  }
}

export async function publishingComposeRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const post = { tags, params: IdParams };

  app.post(
    '/api/v1/posts',
    {
      schema: {
        tags,
        summary: 'Compose a post or reply for one or many accounts: save as drafts, or submit (submit: true)',
        body: ComposeBody,
        response: {
          201: Type.Object({ batchId: Type.String(), posts: Type.Array(PostSchema) }),
          ...submitErrors,
        },
      },
    },
    async (request, reply) =>
      withDetails(reply, 201, () =>
        composePosts(ctx, principalOf(request), actionContextOf(request), request.body),
      ),
  );

  app.post(
    '/api/v1/posts/check',
    {
      schema: {
        tags,
        summary:
          'Check a text before submitting: per-account platform limits and outbound dictionary matches',
        body: CheckBody,
        response: { 200: CheckResultSchema, ...commonErrors },
      },
    },
    async (request) => checkDraft(ctx, principalOf(request), request.body),
  );

  app.get(
    '/api/v1/posts',
    {
      schema: {
        tags,
        summary: 'Posts you may see, newest first (filter by status, account, author, batch)',
        querystring: ListQuery,
        response: {
          200: Type.Object({
            posts: Type.Array(PostSchema),
            nextCursor: Type.Union([Type.Null(), Type.String()]),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => listPosts(ctx, principalOf(request), request.query),
  );

  app.get(
    '/api/v1/posts/:id',
    {
      schema: {
        ...post,
        summary: 'One post with its revisions, approvals and checks',
        response: { 200: PostDetailSchema, ...commonErrors },
      },
    },
    async (request) => getPost(ctx, principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/posts/:id',
    {
      schema: {
        ...post,
        summary: 'Edit a post not yet published (a new revision; a submitted post needs approval again)',
        body: EditBody,
        response: { 200: PostSchema, ...submitErrors },
      },
    },
    async (request, reply) =>
      withDetails(reply, 200, () =>
        editPost(ctx, principalOf(request), actionContextOf(request), request.params.id, request.body),
      ),
  );

  app.post(
    '/api/v1/posts/:id/submit',
    {
      schema: {
        ...post,
        summary: 'Submit a draft or a rejected post',
        response: { 200: PostSchema, ...submitErrors },
      },
    },
    async (request, reply) =>
      withDetails(reply, 200, () =>
        submitPost(ctx, principalOf(request), actionContextOf(request), request.params.id),
      ),
  );

  app.post(
    '/api/v1/posts/:id/cancel',
    {
      preValidation: bodyOptional,
      schema: {
        ...post,
        summary: 'Withdraw a post before it is published',
        body: CancelBody,
        response: { 200: PostSchema, ...commonErrors },
      },
    },
    async (request) =>
      cancelPost(
        ctx,
        principalOf(request),
        actionContextOf(request),
        request.params.id,
        request.body?.reason,
      ),
  );

  for (const [action, decision, body] of [
    ['approve', 'approved', ApproveBody],
    ['reject', 'rejected', RejectBody],
  ] as const) {
    app.post(
      `/api/v1/posts/:id/${action}`,
      {
        preValidation: bodyOptional,
        schema: {
          ...post,
          summary:
            decision === 'approved'
              ? 'Approve the current revision'
              : 'Reject the post, with a comment for its author',
          body,
          response: { 200: PostSchema, ...commonErrors },
        },
      },
      async (request) =>
        decide(ctx, principalOf(request), actionContextOf(request), request.params.id, {
          decision,
          ...(request.body as { comment?: string; revision?: number }),
        }),
    );
  }

  app.get(
    '/api/v1/approvals',
    {
      schema: {
        tags,
        summary: 'Posts waiting for approval, oldest first (approvers only)',
        querystring: ApprovalsQuery,
        response: { 200: Type.Object({ posts: Type.Array(ApprovalItemSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ posts: await listApprovals(ctx, principalOf(request), request.query) }),
  );

  app.get(
    '/api/v1/accounts/:id/approval-policy',
    {
      schema: {
        ...post,
        summary: 'How many approvals posts on this account need',
        response: { 200: ApprovalPolicySchema, ...commonErrors },
      },
    },
    async (request) => getApprovalPolicy(ctx, principalOf(request), request.params.id),
  );

  app.put(
    '/api/v1/accounts/:id/approval-policy',
    {
      schema: {
        ...post,
        summary: 'Set how many distinct approvals posts on this account need (1–5)',
        body: ApprovalPolicyBody,
        response: { 200: ApprovalPolicySchema, ...commonErrors },
      },
    },
    async (request) =>
      setApprovalPolicy(
        ctx,
        principalOf(request),
        actionContextOf(request),
        request.params.id,
        request.body.approvalSteps,
      ),
  );

  app.get(
    '/api/v1/publishing/settings',
    {
      schema: {
        tags,
        summary: 'Posting rate limit and volume alert threshold',
        response: { 200: SettingsSchema, ...commonErrors },
      },
    },
    async (request) => getSettings(ctx, principalOf(request)),
  );

  app.put(
    '/api/v1/publishing/settings',
    {
      schema: {
        tags,
        summary: 'Change the posting rate limit and volume alert threshold (admins)',
        body: SettingsBody,
        response: { 200: SettingsSchema, ...commonErrors },
      },
    },
    async (request) => putSettings(ctx, principalOf(request), actionContextOf(request), request.body),
  );
}
