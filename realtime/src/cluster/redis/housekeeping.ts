import type { Logger } from '../../logger';
import { describe } from './node-log';

/** A node's periodic tasks (heartbeat, reaper, webhook claims): never two runs of one task at once. */
export class Housekeeping {
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly log: Logger) {}

  /** Runs `task` every `ms`; a failure is logged and the next tick tries again. */
  every(ms: number, task: () => Promise<void>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running || this.stopped) return;
      running = true;
      task()
        .catch((error: unknown) => this.log.warn(`cluster housekeeping failed: ${describe(error)}`, { event: 'cluster_tick_failed' }))
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }
}
