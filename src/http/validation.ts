import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// Two validators: query strings and params arrive as text, so they are coerced to their declared types;
// JSON bodies are not, so {"requireMfa": null} or {"name": 42} is refused instead of quietly converted.
// Neither strips unknown fields: they are refused with 400.
const common: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false };
const bodyAjv = addFormats.default(new Ajv({ ...common, coerceTypes: false }));
const textAjv = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }));

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object);
