import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';

const TokenRequestSchema = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});

/** `POST /oauth2/token`: form-encoded client credentials (RFC 6749 §4.4). Errors use RFC 6749 §5.2 bodies. */
export async function registerOAuthRoutes(app: FastifyInstance, { context }: { context: EmulatorContext }) {
  app.post(
    '/oauth2/token',
    { config: { operationId: 'OAuthToken', auth: false } },
    async (request, reply) => {
      const contentType = request.headers['content-type'] ?? '';
      const form = TokenRequestSchema.safeParse(request.body);
      if (!contentType.startsWith('application/x-www-form-urlencoded') || !form.success) {
        return reply
          .code(400)
          .send({ error: 'invalid_request', error_description: 'Expected a form-encoded body' });
      }
      const { grant_type, client_id, client_secret } = form.data;
      if (grant_type !== 'client_credentials') {
        return reply.code(400).send({
          error: 'unsupported_grant_type',
          error_description: 'Only client_credentials is supported',
        });
      }
      if (!client_id || !client_secret) {
        return reply
          .code(400)
          .send({ error: 'invalid_request', error_description: 'client_id and client_secret are required' });
      }
      const application = context.tokens.authenticate(client_id, client_secret);
      if (!application) {
        return reply
          .code(401)
          .send({ error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      const { token, expiresIn } = context.tokens.issue(application);
      reply.header('cache-control', 'no-store');
      return { access_token: token, token_type: 'Bearer', expires_in: expiresIn, refresh_token: null };
    },
  );
}
