import type { Logger } from '../../logger';

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every line this node logs carries its current id (it changes when the node rejoins). */
export function withNodeId(logger: Logger, nodeId: () => string): Logger {
  return {
    info: (message, fields) => logger.info(message, { node: nodeId(), ...fields }),
    warn: (message, fields) => logger.warn(message, { node: nodeId(), ...fields }),
    error: (message, error, fields) => logger.error(message, error, { node: nodeId(), ...fields }),
  };
}
