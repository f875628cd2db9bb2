import { startGateway } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/**
 * `npm start` / `npm run start:prod`: with Criteo credentials, or in passthrough mode, the gateway
 * talks to CRITEO_API_URL; in service mode without credentials, it starts the emulator in-process
 * on loopback with demo data and talks to it over real HTTP (the emulator is loaded only then).
 * SIGTERM and SIGINT shut down gracefully.
 */
async function main() {
  let config = loadConfig();
  let emulator: { url: string; close(): Promise<void> } | null = null;
  // Passthrough mode needs no service credentials: it calls CRITEO_API_URL (loadConfig insists on it).
  if (!config.credentials && config.authMode === 'service') {
    const [{ startEmulator }, { DEMO_APPLICATIONS }] = await Promise.all([
      import('./emulator/server.js'),
      import('./emulator/demo-data.js'),
    ]);
    emulator = await startEmulator({ version: config.apiVersion });
    const demo = DEMO_APPLICATIONS[0];
    const credentials = { clientId: demo?.clientId ?? '', clientSecret: demo?.clientSecret ?? '' };
    config = { ...config, credentials, apiUrl: emulator.url };
  }
  const embedded = emulator;
  const gateway = await startGateway(config, { onStop: embedded ? () => embedded.close() : undefined });
  if (embedded) {
    gateway.logger.warn(
      { emulator: embedded.url },
      'Criteo upstream: the embedded emulator with demo data (no CRITEO_CLIENT_ID set)',
    );
  }

  const shutdown = (signal: NodeJS.Signals) => {
    gateway.logger.info({ signal }, 'signal received');
    // Past the bound and the close grace, exit anyway.
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5_000).unref();
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        gateway.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
