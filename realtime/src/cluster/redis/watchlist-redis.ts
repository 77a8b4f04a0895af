import type { Connection } from '../../connection/connection';
import { LocalWatchers, type Transition } from '../../watchlist/local-watchers';
import type { WatchlistSignin, WatchlistState } from '../watchlist';
import type { RedisNodeContext } from './node-context';
import { describe } from './node-log';
import { FIELD_SEPARATOR } from './bus-message';

/** What this node recorded in Redis for one signed-in connection (the node id it had then). */
interface Counted {
  userId: string;
  nodeId: string;
}

/**
 * Watchlists over the cluster. Online users are counted in Redis per visible signed-in connection
 * (`watch-signin.lua` / `watch-signout.lua`, each connection recorded under its node); a user's first
 * and last connection anywhere publish a numbered transition on `wl:events`, which every node hands to
 * its local watchers. A new watchlist's status is read with the number of the last transition
 * (`watch-status.lua`), so a transition racing that read is neither lost nor told twice. A dead node's
 * connections are signed out by `watch-reap.lua` on the reaper's tick (the lease decides who is dead).
 */
export class RedisWatchlist implements WatchlistState {
  private readonly watchers = new Map<string, LocalWatchers>();
  private readonly counted = new Map<Connection, Counted>();

  constructor(private readonly node: RedisNodeContext) {}

  private get eventsChannel(): string {
    return `${this.node.cluster.keyPrefix}wl:events`;
  }

  async listen(): Promise<void> {
    this.node.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.eventsChannel) this.onTransition(message);
    });
    await this.node.subscriber.subscribe(this.eventsChannel);
  }

  signIn(connection: Connection, signin: WatchlistSignin): void {
    const previous = this.counted.get(connection);
    if (signin.visible && !previous) {
      const counted = { userId: signin.userId, nodeId: this.node.id };
      this.counted.set(connection, counted);
      this.runLogged('watch-signin', [counted.nodeId, connection.app.id, connection.socketId, counted.userId]);
    } else if (!signin.visible && previous) {
      this.counted.delete(connection);
      this.runLogged('watch-signout', [previous.nodeId, connection.app.id, connection.socketId, previous.userId]);
    }
    this.watch(connection, signin.watchlist);
  }

  signOut(connection: Connection): void {
    this.watchersOf(connection.app.id).unwatch(connection);
    const previous = this.counted.get(connection);
    if (!previous) return;
    this.counted.delete(connection);
    this.runLogged('watch-signout', [previous.nodeId, connection.app.id, connection.socketId, previous.userId]);
  }

  /** Signs out the connections of dead nodes (run on the reaper's tick). */
  async reap(): Promise<void> {
    if (this.node.command.status !== 'ready') return;
    const count = Number(await this.node.run('watch-reap', []));
    if (count > 0) this.node.log.warn('signed out the connections of a dead node', { event: 'watchlist_reaped', connections: count });
  }

  private watch(connection: Connection, userIds: readonly string[]): void {
    const watchers = this.watchersOf(connection.app.id);
    const watcher = watchers.watch(connection, userIds);
    if (!watcher) return;
    this.node.run('watch-status', [connection.app.id, ...userIds]).then(
      (answer) => {
        const [seq, ...flags] = Array.isArray(answer) ? (answer as number[]) : [];
        const online = new Set(userIds.filter((_, i) => flags[i] === 1));
        watchers.start(connection, watcher, online, Number(seq ?? 0));
      },
      (error: unknown) => {
        this.node.log.warn(`watchlist status not read: ${describe(error)}`, { event: 'watchlist_status_failed' });
        if (watchers.isCurrent(connection, watcher)) watchers.unwatch(connection);
        connection.sendError('Watchlist unavailable: shared state unavailable, sign in again shortly', null);
      },
    );
  }

  private onTransition(message: string): void {
    const [appId, seq, online, ...rest] = message.split(FIELD_SEPARATOR);
    const userId = rest.join(FIELD_SEPARATOR);
    if (appId === undefined || seq === undefined || userId === '' || (online !== '1' && online !== '0')) {
      this.node.log.warn('malformed watchlist message ignored', { event: 'cluster_message_malformed', channel: this.eventsChannel });
      return;
    }
    const transition: Transition = { userId, online: online === '1', seq: Number(seq) };
    this.watchers.get(appId)?.apply(transition);
  }

  private watchersOf(appId: string): LocalWatchers {
    let watchers = this.watchers.get(appId);
    if (!watchers) {
      watchers = new LocalWatchers();
      this.watchers.set(appId, watchers);
    }
    return watchers;
  }

  private runLogged(script: 'watch-signin' | 'watch-signout', args: string[]): void {
    this.node.run(script, args).catch((error: unknown) => {
      this.node.log.warn(`${script} failed in Redis: ${describe(error)}`, { event: 'watchlist_update_failed' });
    });
  }
}
