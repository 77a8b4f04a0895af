import { loadConfigFromEnv } from './config/env';
import { ConfigError } from './config/schema';
import { consoleLogger } from './logger';
import { startRealtimeServer } from './server';

/** Hard stop if graceful shutdown somehow stalls (the contract is "exits within a few seconds"). */
const FORCED_EXIT_MS = 5_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfigFromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const server = await startRealtimeServer(config, { logger: consoleLogger });
  consoleLogger.info(`realtime listening on ${server.url}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    consoleLogger.info(`realtime: ${signal} received, closing connections`);
    setTimeout(() => {
      consoleLogger.error('realtime: shutdown took too long, exiting');
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        consoleLogger.error('realtime: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`realtime failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
