import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actionContextOf, principalOf } from '../../http/auth.js';
import { commonErrors, IdParams } from '../../http/schemas.js';
import {
  dictionaryTermStats,
  diffVersions,
  exportDictionary,
  getDictionary,
  getVersion,
  listDictionaries,
  listVersions,
  tryDictionaries,
} from './queries.js';
import {
  DictionaryDetail,
  DictionarySummary,
  DiffBody,
  DiffQuery,
  ExportQuery,
  ListBody,
  ListQuery,
  StarterResult,
  TermStatsBody,
  TryBody,
  TryResult,
  VersionDetail,
  VersionParams,
  VersionsBody,
  YamlBody,
} from './schemas.js';
import {
  activateDictionaryVersion,
  archiveDictionary,
  createDictionary,
  importDictionary,
  reinstallStarterDictionaries,
  updateDictionary,
} from './service.js';

const tags = ['dictionaries'];
const base = '/api/v1/dictionaries';

export async function dictionariesRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Dictionaries of your organisation, with active and latest version numbers',
        querystring: ListQuery,
        response: { 200: ListBody, ...commonErrors },
      },
    },
    async (request) => ({
      dictionaries: await listDictionaries(ctx, principalOf(request), request.query.archived ?? false),
    }),
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create a dictionary from YAML (version 1; its name comes from the YAML)',
        body: YamlBody,
        response: { 201: DictionaryDetail, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createDictionary(ctx, principalOf(request), actionContextOf(request), request.body)),
  );

  app.post(
    `${base}/import`,
    {
      schema: {
        tags,
        summary:
          'Import YAML: creates the dictionary of that name, or adds a version to it (restoring it if archived)',
        body: YamlBody,
        response: {
          200: Type.Object({ created: Type.Boolean(), ...DictionaryDetail.properties }),
          ...commonErrors,
        },
      },
    },
    async (request) => importDictionary(ctx, principalOf(request), actionContextOf(request), request.body),
  );

  app.post(
    `${base}/try`,
    {
      schema: {
        tags,
        summary: 'Try a text against the active dictionaries, or the latest versions of the given ones',
        body: TryBody,
        response: { 200: TryResult, ...commonErrors },
      },
    },
    async (request) => tryDictionaries(ctx, principalOf(request), request.body),
  );

  app.post(
    `${base}/starter`,
    {
      schema: {
        tags,
        summary: 'Install any missing starter dictionary shipped with Parapet',
        response: { 200: StarterResult, ...commonErrors },
      },
    },
    async (request) => reinstallStarterDictionaries(ctx, principalOf(request), actionContextOf(request)),
  );

  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'A dictionary with its active (else latest) version',
        params: IdParams,
        response: { 200: DictionaryDetail, ...commonErrors },
      },
    },
    async (request) => getDictionary(ctx, principalOf(request), request.params.id),
  );

  app.put(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Save a new version (a different name in the YAML renames the dictionary)',
        params: IdParams,
        body: YamlBody,
        response: { 200: DictionaryDetail, ...commonErrors },
      },
    },
    async (request) =>
      updateDictionary(ctx, principalOf(request), actionContextOf(request), request.params.id, request.body),
  );

  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Archive: deactivate and hide; versions are kept and the name stays reserved',
        params: IdParams,
        response: { 200: DictionarySummary, ...commonErrors },
      },
    },
    async (request) =>
      archiveDictionary(ctx, principalOf(request), actionContextOf(request), request.params.id),
  );

  app.get(
    `${base}/:id/versions`,
    {
      schema: {
        tags,
        summary: 'Every version, newest first',
        params: IdParams,
        response: { 200: VersionsBody, ...commonErrors },
      },
    },
    async (request) => ({ versions: await listVersions(ctx, principalOf(request), request.params.id) }),
  );

  app.get(
    `${base}/:id/versions/:version`,
    {
      schema: {
        tags,
        summary: 'One version, with its YAML and test results',
        params: VersionParams,
        response: { 200: VersionDetail, ...commonErrors },
      },
    },
    async (request) => getVersion(ctx, principalOf(request), request.params.id, request.params.version),
  );

  app.post(
    `${base}/:id/versions/:version/activate`,
    {
      schema: {
        tags,
        summary:
          'Activate a version (an older one = roll back); 409 dictionary_tests_failed if its tests fail',
        params: VersionParams,
        response: { 200: DictionaryDetail, ...commonErrors },
      },
    },
    async (request) =>
      activateDictionaryVersion(
        ctx,
        principalOf(request),
        actionContextOf(request),
        request.params.id,
        request.params.version,
      ),
  );

  app.get(
    `${base}/:id/diff`,
    {
      schema: {
        tags,
        summary: 'What changed between two versions (terms, exceptions, patterns, fields, tests)',
        params: IdParams,
        querystring: DiffQuery,
        response: { 200: DiffBody, ...commonErrors },
      },
    },
    async (request) =>
      diffVersions(ctx, principalOf(request), request.params.id, request.query.from, request.query.to),
  );

  app.get(
    `${base}/:id/export`,
    {
      // 200 is the YAML text itself (text/yaml attachment); a string payload with a non-JSON type is sent as is.
      schema: {
        tags,
        summary: 'Download the active (else latest, or ?version=N) YAML as a file',
        params: IdParams,
        querystring: ExportQuery,
        response: { 200: Type.String({ description: 'text/yaml' }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { fileName, yaml } = await exportDictionary(
        ctx,
        principalOf(request),
        request.params.id,
        request.query.version,
      );
      return reply
        .type('text/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(yaml);
    },
  );

  app.get(
    `${base}/:id/terms`,
    {
      schema: {
        tags,
        summary: 'Per-term counters: matches, reviewer decisions and precision',
        params: IdParams,
        response: { 200: TermStatsBody, ...commonErrors },
      },
    },
    async (request) => dictionaryTermStats(ctx, principalOf(request), request.params.id),
  );
}
