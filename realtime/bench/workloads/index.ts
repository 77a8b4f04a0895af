import { bigRoom } from './big-room';
import { broadcast } from './broadcast';
import { churn } from './churn';
import { connections } from './connections';
import { presenceFanout } from './presence-fanout';
import type { Workload } from './types';

/** Every workload, in run order, by the name `--only=` takes. */
export const WORKLOADS: Readonly<Record<string, Workload>> = {
  fanout: presenceFanout,
  broadcast,
  connections,
  churn,
  bigroom: bigRoom,
};

export type WorkloadName = keyof typeof WORKLOADS;
