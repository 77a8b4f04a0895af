import { loadConfigFromEnv } from './config/env';
import { ConfigError, type ServerConfig } from './config/schema';
import { chooseLogFormat, createLogger } from './logger';
import { isLoopbackHost } from './metrics/access';
import { startRealtimeServer } from './server';

/** Hard stop if graceful shutdown somehow stalls (the contract is "exits within a few seconds"). */
const FORCED_EXIT_MS = 5_000;

const logFormat = chooseLogFormat(process.env.REALTIME_LOG_FORMAT, process.stdout.isTTY === true);
const logger = createLogger({ format: logFormat });

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfigFromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const server = await startRealtimeServer(config, { logger });
  const ready = `realtime listening on ${server.url}`;
  // Tooling waits for exactly this line, whatever the log format.
  process.stdout.write(`${ready}\n`);
  if (logFormat === 'json') {
    logger.info(ready, { event: 'started', url: server.url, apps: config.apps.map((app) => app.id), pid: process.pid, node: server.state.nodeId });
  }
  const webhookCount = config.apps.reduce((sum, app) => sum + app.webhooks.length, 0);
  if (webhookCount > 0) logger.info('webhooks enabled', { event: 'webhooks', receivers: webhookCount });
  if (config.metricsToken === undefined && !isLoopbackHost(config.host)) {
    logger.warn('GET /metrics is closed: this server listens beyond loopback without REALTIME_METRICS_TOKEN', { event: 'metrics_closed', host: config.host });
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, closing connections`, { event: 'stopping', signal });
    setTimeout(() => {
      logger.error('shutdown took too long, exiting', undefined, { event: 'forced_exit', afterMs: FORCED_EXIT_MS });
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    server.close().then(
      () => {
        logger.info('stopped', { event: 'stopped' });
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('shutdown failed', error, { event: 'shutdown_failed' });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  logger.error('realtime failed to start', error, { event: 'start_failed' });
  process.exit(1);
});
