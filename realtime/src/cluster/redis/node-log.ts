export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// The cluster's parts log through the same helper the server uses (realtime/src/logger.ts).
export { withNodeId } from '../../logger';
