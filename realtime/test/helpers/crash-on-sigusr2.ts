/**
 * Preloaded (`--import`) into a spawned server by the logging test. On SIGUSR2 it logs a burst of
 * lines and then throws from the signal listener in the same turn, which nothing catches: a real
 * uncaught exception that exits while the lines are still in pino's asynchronous buffer.
 */
import { consoleLogger } from '../../src/logger';

/** How many lines the burst has, given by the test. */
const burstLines = Number(process.env.LOGGING_TEST_BURST_LINES ?? '0');

class DeliberateCrash extends Error {
  override readonly name = 'DeliberateCrash';
}

process.on('SIGUSR2', () => {
  for (let index = 0; index < burstLines; index += 1) consoleLogger.warn('burst before the crash', { event: 'burst', index });
  throw new DeliberateCrash('deliberate crash for the logging test');
});
