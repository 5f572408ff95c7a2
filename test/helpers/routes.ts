// Walks the routes the app really registered, so tests that cover "every route" notice new ones without edits.
import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { Kysely } from 'kysely';

export interface RouteInfo {
  method: HTTPMethods;
  url: string;
  public: boolean;
  allowStages: string[];
}

const strip = (url: string) => (url.length > 1 ? url.replace(/\/$/, '') : url);

/** Every method/url pair; HEAD is dropped where the same url also answers GET (Fastify adds those itself). */
export function listRoutes(app: FastifyInstance): RouteInfo[] {
  const all: RouteInfo[] = [];
  for (const r of app.registeredRoutes) {
    for (const method of [r.method].flat() as HTTPMethods[]) {
      all.push({
        method,
        url: r.url!,
        public: r.config?.public === true,
        allowStages: [...(r.config?.allowStages ?? [])],
      });
    }
  }
  const gets = new Set(all.filter((r) => r.method === 'GET').map((r) => strip(r.url)));
  const seen = new Set<string>();
  return all.filter((r) => {
    if (r.method === 'HEAD' && gets.has(strip(r.url))) return false;
    const key = `${r.method} ${r.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const isWrite = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method);
export const hasParams = (url: string): boolean => url.includes(':') || url.includes('*');

/** Replaces each `:param` with the value `pick(segmentBefore, paramName)` gives (e.g. "users", "id"). */
export function fillParams(url: string, pick: (resource: string, param: string) => string): string {
  const parts = url.split('/');
  return parts
    .map((part, i) =>
      part.startsWith(':') ? encodeURIComponent(pick(parts[i - 1] ?? '', part.slice(1))) : part,
    )
    .join('/');
}

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  format?: string;
  default?: unknown;
};

/** A value that satisfies the schema with every optional property filled in. */
export function sampleFromSchema(s: JsonSchema): unknown {
  if (s.enum) return s.enum[0];
  const options = s.anyOf ?? s.oneOf;
  if (options) return sampleFromSchema(options[0]!);
  switch (s.type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sampleFromSchema(v)]));
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sampleFromSchema(s.items ?? {}));
    case 'string':
      if (s.format === 'email') return 'sample@example.test';
      return 'sample-value-x'.padEnd(s.minLength ?? 0, 'x');
    case 'integer':
    case 'number':
      // A default (e.g. a list's page size) is what a real caller gets; the minimum would hide rows.
      return typeof s.default === 'number' ? s.default : (s.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      return 'sample';
  }
}

/** The request body schema of a route, from the app's own OpenAPI document (undefined: no body). */
export function bodySchemaOf(app: FastifyInstance, method: string, url: string): JsonSchema | undefined {
  const doc = app.swagger() as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
    >;
  };
  const path = url.replace(/:(\w+)/g, '{$1}');
  return doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
}

/** A query string with every required parameter filled in ('' when none is required). */
export function sampleQuery(app: FastifyInstance, method: string, url: string): string {
  const doc = app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }> }
      >
    >;
  };
  const params = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]?.parameters ?? [];
  const required = params.filter((p) => p.in === 'query' && p.required);
  return required.length
    ? `?${new URLSearchParams(required.map((p) => [p.name, String(sampleFromSchema(p.schema))])).toString()}`
    : '';
}

export const sampleBody = (app: FastifyInstance, method: string, url: string): unknown => {
  const schema = bodySchemaOf(app, method, url);
  return schema ? sampleFromSchema(schema) : undefined;
};

/** Every row of every table, as JSON lines per table (found by introspection, so new tables are included). */
// biome-ignore lint/suspicious/noExplicitAny: table names come from introspection, not the typed schema
export async function dumpTables(db: Kysely<any>): Promise<Record<string, Array<Record<string, unknown>>>> {
  const tables = (await db.introspection.getTables()).filter((t) => !t.name.startsWith('kysely_'));
  const out: Record<string, Array<Record<string, unknown>>> = {};
  for (const t of tables) out[t.name] = await db.selectFrom(t.name).selectAll().execute();
  return out;
}
