import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';

const FaultRuleSchema = z.object({
  latencyMs: z.number().nonnegative().optional(),
  jitterMs: z.number().nonnegative().optional(),
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: z.number().int().min(400).max(599).optional(),
  rateLimitRate: z.number().min(0).max(1).optional(),
  connectionResetRate: z.number().min(0).max(1).optional(),
  malformedRate: z.number().min(0).max(1).optional(),
  driftRate: z.number().min(0).max(1).optional(),
  lostResponseRate: z.number().min(0).max(1).optional(),
});
const FaultsBodySchema = z.record(z.string(), FaultRuleSchema);

/**
 * The emulator's own control API (not part of Criteo's): lets a benchmark or a test in another process
 * read the request log and change faults. No authentication: the emulator listens on loopback.
 */
export async function registerControlRoutes(app: FastifyInstance, { context }: { context: EmulatorContext }) {
  const control = { config: { auth: false } };

  app.get('/requests', control, async () => ({
    counts: context.requests.countsByOperation(),
    total: context.requests.count(),
    requests: context.requests.list(),
  }));

  app.get('/stats', control, async () => ({
    counts: context.requests.countsByOperation(),
    statuses: context.requests.countsByStatus(),
    total: context.requests.count(),
  }));

  app.post('/requests/clear', control, async (_request, reply) => {
    context.requests.clear();
    return reply.code(204).send();
  });

  app.get('/faults', control, async () => context.faults.config());

  app.put('/faults', control, async (request, reply) => {
    const parsed = FaultsBodySchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    context.faults.clear();
    for (const [operation, rule] of Object.entries(parsed.data)) context.faults.set(operation, rule);
    return context.faults.config();
  });

  app.post('/tokens/expire', control, async (_request, reply) => {
    context.tokens.expireAll();
    return reply.code(204).send();
  });
}
