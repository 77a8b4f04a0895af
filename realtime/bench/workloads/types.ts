/** What a workload gets: the server under test (its port and process id) and its size. */
export interface WorkloadContext {
  port: number;
  pid: number;
  quick: boolean;
}

/** Figures of one workload, by metric name (see `metrics.ts` for units and which way is better). */
export type WorkloadResult = Record<string, number>;

export type Workload = (context: WorkloadContext) => Promise<WorkloadResult>;
