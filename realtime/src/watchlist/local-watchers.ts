import type { Connection } from '../connection/connection';
import { encodeWatchlistEvents } from './events';

/** A transition decided by the shared state, numbered in the order it was decided (memory: always 0). */
export interface Transition {
  userId: string;
  online: boolean;
  seq: number;
}

/** One watchlist of one connection, as `watch` started it (a later signin replaces it). */
export interface Watcher {
  userIds: readonly string[];
  /** What this connection was last told of each watched user. */
  told: Map<string, boolean>;
  /** Transitions up to this number are in the initial status; null while that status is being read. */
  baseline: number | null;
  /** Transitions that arrived while the initial status was being read. */
  buffered: Transition[];
}

/**
 * This process's signed-in connections that watch someone, indexed by the watched user id. Each
 * connection is told a user's status only when it differs from what it was last told, so an event
 * reaching it twice (the initial read and the broadcast of the same transition) is sent once.
 */
export class LocalWatchers {
  private readonly byConnection = new Map<Connection, Watcher>();
  private readonly byWatched = new Map<string, Set<Connection>>();

  /** Starts (or replaces) a connection's watchlist; its initial status follows with `start` (null: nothing watched). */
  watch(connection: Connection, userIds: readonly string[]): Watcher | null {
    this.unwatch(connection);
    if (userIds.length === 0) return null;
    const watcher: Watcher = { userIds, told: new Map(), baseline: null, buffered: [] };
    this.byConnection.set(connection, watcher);
    for (const id of userIds) {
      let set = this.byWatched.get(id);
      if (!set) {
        set = new Set();
        this.byWatched.set(id, set);
      }
      set.add(connection);
    }
    return watcher;
  }

  /**
   * The initial status of `watcher` (online ids, as of transition `seq`): one message, then anything newer that
   * arrived meanwhile. Ignored when the connection has since closed or signed in with another watchlist.
   */
  start(connection: Connection, watcher: Watcher, online: ReadonlySet<string>, seq: number): void {
    if (this.byConnection.get(connection) !== watcher || watcher.baseline !== null) return;
    watcher.baseline = seq;
    const nowOnline: string[] = [];
    const nowOffline: string[] = [];
    for (const id of watcher.userIds) {
      const isOnline = online.has(id);
      watcher.told.set(id, isOnline);
      (isOnline ? nowOnline : nowOffline).push(id);
    }
    const message = encodeWatchlistEvents(nowOnline, nowOffline);
    if (message !== null) connection.send(message);
    for (const transition of watcher.buffered.splice(0)) this.tell(connection, watcher, transition);
  }

  isCurrent(connection: Connection, watcher: Watcher): boolean {
    return this.byConnection.get(connection) === watcher;
  }

  unwatch(connection: Connection): void {
    const watcher = this.byConnection.get(connection);
    if (!watcher) return;
    this.byConnection.delete(connection);
    for (const id of watcher.userIds) {
      const set = this.byWatched.get(id);
      set?.delete(connection);
      if (set?.size === 0) this.byWatched.delete(id);
    }
  }

  /** Tells every local watcher of the user (once per change). */
  apply(transition: Transition): void {
    const watchers = this.byWatched.get(transition.userId);
    if (!watchers) return;
    for (const connection of watchers) {
      const watcher = this.byConnection.get(connection);
      if (watcher) this.tell(connection, watcher, transition);
    }
  }

  private tell(connection: Connection, watcher: Watcher, transition: Transition): void {
    if (watcher.baseline === null) {
      watcher.buffered.push(transition);
      return;
    }
    if (transition.seq !== 0 && transition.seq <= watcher.baseline) return;
    if (watcher.told.get(transition.userId) === transition.online) return;
    watcher.told.set(transition.userId, transition.online);
    const message = transition.online ? encodeWatchlistEvents([transition.userId], []) : encodeWatchlistEvents([], [transition.userId]);
    if (message !== null) connection.send(message);
  }
}
