import { loadConfigFromEnv } from './config/env';
import { ConfigError, type ServerConfig } from './config/schema';
import { chooseLogFormat, chooseLogLevel, createLogger, printLine, withNodeId, type LogLevel } from './logger';
import { isLoopbackHost } from './metrics/access';
import { startRealtimeServer, type RealtimeServer } from './server';

/** Hard stop if graceful shutdown somehow stalls (the contract is "exits within a few seconds"). */
const FORCED_EXIT_MS = 5_000;

/** A bad setting prints one line and exits 1, before anything starts. */
function readSettings(): { config: ServerConfig; logLevel: LogLevel } {
  try {
    return { logLevel: chooseLogLevel(process.env.REALTIME_LOG_LEVEL), config: loadConfigFromEnv() };
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const settings = readSettings();
const logFormat = chooseLogFormat(process.env.REALTIME_LOG_FORMAT, process.stdout.isTTY === true);
let server: RealtimeServer | undefined;
const logger = withNodeId(createLogger({ format: logFormat, level: settings.logLevel }), () => server?.state.nodeId);

// A bug that escaped every handler: log it with its stack, then exit (pino flushes its lines on exit).
process.on('uncaughtException', (error, origin) => {
  logger.error('uncaught exception, exiting', error, { event: 'uncaught_exception', origin });
  process.exit(1);
});

async function main(config: ServerConfig): Promise<void> {
  const started = await startRealtimeServer(config, { logger });
  server = started;
  const ready = `realtime listening on ${started.url}`;
  // Tooling waits for exactly this line, whatever the log format.
  printLine(ready);
  if (logFormat === 'json') {
    logger.info(ready, { event: 'started', url: started.url, apps: config.apps.map((app) => app.id), pid: process.pid });
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
    started.close().then(
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

main(settings.config).catch((error: unknown) => {
  logger.error('realtime failed to start', error, { event: 'start_failed' });
  process.exit(1);
});
