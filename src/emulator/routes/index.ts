import type { FastifyInstance } from 'fastify';
import type { EmulatorPluginOptions } from '../context.js';
import { registerAdSetRoutes } from './ad-sets.js';
import { registerAudienceSegmentRoutes } from './audience-segments.js';
import { registerAudienceRoutes } from './audiences.js';
import { registerContactListRoutes } from './contact-lists.js';
import { registerInMarketRoutes } from './in-market.js';
import { registerMeRoutes } from './me.js';

/** Criteo's Marketing Solutions operations, registered once per served version under its prefix. */
export async function registerMarketingSolutionsRoutes(
  app: FastifyInstance,
  { context }: EmulatorPluginOptions,
) {
  for (const register of [
    registerAudienceSegmentRoutes,
    registerContactListRoutes,
    registerInMarketRoutes,
    registerAudienceRoutes,
    registerMeRoutes,
    registerAdSetRoutes,
  ]) {
    // Only the context: the options this plugin got also carry its version prefix.
    await app.register(register, { context });
  }
}
