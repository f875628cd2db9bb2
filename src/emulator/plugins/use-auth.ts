import fp from 'fastify-plugin';
import type { EmulatorPluginOptions } from '../context.js';
import { ProblemResponse } from '../problems.js';
import { rateLimitHeaders } from '../rate-limit.js';

/**
 * Criteo's gate in front of every operation: a valid Bearer token (401 otherwise), then the
 * application's rate limit (`x-ratelimit-*` on every answer, 429 past the limit). Routes marked
 * `auth: false` (the token endpoint, the control API) pass through.
 */
export const useAuth = fp<EmulatorPluginOptions>(
  async (app, { context }) => {
    app.decorateRequest('application', null);

    app.addHook('preValidation', async (request, reply) => {
      const { operationId, auth } = request.routeOptions.config;
      if (!request.logEntry || !operationId || auth === false) return;
      const check = context.tokens.verify(request.headers.authorization);
      if (!check.ok) {
        throw new ProblemResponse(401, [
          { type: 'authentication', code: check.code, detail: authDetail(check.code) },
        ]);
      }
      request.application = check.application;
      request.logEntry.applicationId = check.application.applicationId;

      if (!context.rateLimiter) return;
      const state = context.rateLimiter.take(check.application.applicationId);
      reply.headers(rateLimitHeaders(state));
      if (!state.allowed) {
        throw new ProblemResponse(429, [
          {
            type: 'quota',
            code: 'rate-limit-exceeded',
            detail: `The application exceeded ${state.limit} calls per window`,
          },
        ]);
      }
    });
  },
  { name: 'emulator-auth' },
);

function authDetail(code: string): string {
  switch (code) {
    case 'authorization-token-missing':
      return 'The Authorization header with a Bearer token is missing';
    case 'authorization-token-expired':
      return 'The access token has expired; request a new one';
    default:
      return 'The access token is invalid';
  }
}
