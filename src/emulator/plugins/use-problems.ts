import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { EmulatorContext, EmulatorPluginOptions } from '../context.js';
import { type ProblemInit, ProblemResponse } from '../problems.js';

/**
 * Every failure becomes a Criteo problem body `{ errors: [...], warnings: [] }`: a `ProblemResponse`
 * thrown by a hook or a handler keeps its status, problems and headers; Fastify's own errors (media
 * type, body size, unparsable body, method) become the problem Criteo sends for them; anything else is
 * a bug, logged and answered 500 `internal-error`. Unknown paths get 404 `not-found`.
 */
export const useProblems = fp<EmulatorPluginOptions>(
  async (app, { context }) => {
    app.setErrorHandler((error: FastifyError | ProblemResponse, request, reply) => {
      const problem = error instanceof ProblemResponse ? error : fromFastifyError(error, request);
      reply.code(problem.status).headers(problem.headers);
      return sendProblems(reply, request, context, problem.problems);
    });

    app.setNotFoundHandler((request, reply) => {
      reply.code(404);
      return sendProblems(reply, request, context, [
        { code: 'not-found', detail: `No operation at ${request.method} ${request.url.split('?')[0]}` },
      ]);
    });
  },
  { name: 'emulator-problems' },
);

function sendProblems(
  reply: FastifyReply,
  request: FastifyRequest,
  context: EmulatorContext,
  problems: ProblemInit[],
) {
  const flavor = request.routeOptions.config?.problemFlavor ?? 'common';
  const instance = request.url.split('?')[0] ?? request.url;
  return reply.send({
    errors: context.envelope.problems(request.traceId, problems, flavor, instance),
    warnings: [],
  });
}

function fromFastifyError(error: FastifyError, request: FastifyRequest): ProblemResponse {
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new ProblemResponse(415, [
      {
        code: 'unsupported-media-type',
        detail: `Content-Type ${request.headers['content-type'] ?? '(none)'} is not supported`,
      },
    ]);
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ProblemResponse(413, [{ code: 'payload-too-big', detail: 'The request body is too large' }]);
  }
  if (error.statusCode === 400 || error.code?.startsWith('FST_ERR_CTP')) {
    return new ProblemResponse(400, [{ code: 'invalid-request-body', detail: `body: ${error.message}` }]);
  }
  if (error.statusCode === 405) {
    return new ProblemResponse(405, [{ code: 'method-not-allowed', detail: error.message }]);
  }
  request.log.error(error);
  return new ProblemResponse(500, [
    { type: 'availability', code: 'internal-error', detail: 'Internal error' },
  ]);
}
