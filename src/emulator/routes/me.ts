import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.js';
import { applicationOf } from '../http.js';

/** `GET /me`: the application behind the token. */
export async function registerMeRoutes(app: FastifyInstance, { context }: { context: EmulatorContext }) {
  app.get('/me', { config: { operationId: 'GetCurrentApplication' } }, async (request) => {
    const application = applicationOf(request);
    return context.envelope.write(request, {
      data: {
        type: 'Application',
        attributes: {
          applicationId: application.applicationId,
          criteoService: 'MarketingSolutions',
          description: application.description,
          name: application.name,
          organizationId: application.organizationId,
        },
      },
    });
  });
}
