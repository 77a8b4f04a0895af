import type { Redis } from 'ioredis';
import type { Logger } from '../../logger';
import { describe } from './node-log';

interface Route {
  /** Pending and attached local subscriptions that need the channel's bus. */
  holders: number;
  /** Settles when Redis confirmed the SUBSCRIBE this route was opened with. */
  subscribed: Promise<void>;
}

/**
 * Which channel buses this node listens to: one SUBSCRIBE when the first local subscription of a
 * channel starts, one UNSUBSCRIBE when its last one ends. Both go over the subscriber connection in
 * the order they are made, so an UNSUBSCRIBE followed by a SUBSCRIBE leaves the node subscribed;
 * ioredis re-subscribes to all of them after a reconnect.
 */
export class ChannelRoutes {
  private readonly routes = new Map<string, Route>();

  constructor(
    private readonly subscriber: Redis,
    private readonly log: Logger,
  ) {}

  /** Resolves once the node hears the bus: a join decided after that is followed by every later event. */
  acquire(bus: string): Promise<void> {
    const route = this.routes.get(bus);
    if (route) {
      route.holders += 1;
      return route.subscribed;
    }
    const subscribed = this.subscriber.subscribe(bus).then(
      () => undefined,
      (error: unknown) => {
        // Every holder's join is refused with this error; the next subscription tries again.
        if (this.routes.get(bus)?.subscribed === subscribed) this.routes.delete(bus);
        throw error;
      },
    );
    this.routes.set(bus, { holders: 1, subscribed });
    return subscribed;
  }

  release(bus: string): void {
    const route = this.routes.get(bus);
    if (!route) return;
    route.holders -= 1;
    if (route.holders > 0) return;
    this.routes.delete(bus);
    // Nothing waits for the answer: events that still arrive find no local subscriber.
    this.subscriber.unsubscribe(bus).catch((error: unknown) => {
      this.log.warn(`channel bus not unsubscribed (its events are ignored): ${describe(error)}`, { event: 'cluster_unsubscribe_failed' });
    });
  }

  /** Channel buses listened to now (for tests and metrics). */
  get size(): number {
    return this.routes.size;
  }
}
