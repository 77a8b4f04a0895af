import type { ServerConfig } from '../config/schema';
import type { RealtimeEvents } from '../events';
import type { Logger } from '../logger';
import { RedisState } from './redis/state-redis';
import { MemoryState } from './state-memory';
import type { ClusterState } from './state';

/** The seam is chosen here, once: Redis when the config has a cluster section, memory otherwise. */
export function createClusterState(config: ServerConfig, events: RealtimeEvents, logger: Logger): ClusterState {
  return config.cluster === undefined ? new MemoryState() : new RedisState({ cluster: config.cluster, events, logger });
}
