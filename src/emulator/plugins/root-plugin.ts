import type { FastifyInstance } from 'fastify';
import type { EmulatorPluginOptions } from '../context.js';

type EmulatorPlugin = (app: FastifyInstance, options: EmulatorPluginOptions) => Promise<void>;

/**
 * Lets a plugin's hooks, decorators and handlers apply to the whole emulator instead of its own
 * encapsulated context. This is the symbol `fastify-plugin` sets (Fastify's plugin guide documents
 * it); `fastify-plugin` itself is only here as a dependency of @fastify/formbody, so it is not imported.
 * The name is what Fastify prints for the plugin in its errors and `printPlugins()`.
 */
export function rootPlugin(name: string, plugin: EmulatorPlugin): EmulatorPlugin {
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: name,
  });
}
