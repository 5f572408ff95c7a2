import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

// Fastify's own error codes mapped to ours, so clients see one vocabulary.
const FRAMEWORK_CODES: Record<string, { status: number; code: string; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'body_too_large',
    message: 'The request body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Send the body as application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    message: 'The body is empty; send a JSON object.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    message: 'The body is not valid JSON.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad_content_length',
    message: 'Content-Length does not match the body.',
  },
};

/** The one place where errors become HTTP responses. Unknown errors never leak internals. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .status(error.status)
        .headers(error.headers)
        .send({ error: { code: error.code, message: error.message } });
    }
    if (error.validation) {
      const first = error.validation[0];
      const where = `${error.validationContext ?? 'body'}${first?.instancePath ?? ''}`;
      const extra =
        first?.params && 'additionalProperty' in first.params
          ? ` "${String(first.params.additionalProperty)}"`
          : '';
      return reply.status(400).send({
        error: { code: 'validation_failed', message: `${where} ${first?.message ?? 'is invalid'}${extra}` },
      });
    }
    const mapped = error.code ? FRAMEWORK_CODES[error.code] : undefined;
    if (mapped)
      return reply
        .status(mapped.status)
        .send({ error: { code: mapped.code, message: mapped.message ?? error.message } });
    // PostgreSQL refuses NUL and invalid UTF-8 in text: the client sent it, so it is a 400, not a 500.
    if (error.code === '22021' || error.code === '22P05') {
      return reply.status(400).send({
        error: {
          code: 'invalid_characters',
          message: 'The request contains characters that cannot be stored (such as NUL).',
        },
      });
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return reply
        .status(400)
        .send({ error: { code: 'bad_request', message: 'The request could not be read.' } });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({
        error: { code: 'rate_limited', message: 'Too many requests. Wait a moment and try again.' },
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'bad_request', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: {
        code: 'internal_error',
        message: `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
      },
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}.` },
    }),
  );
}
