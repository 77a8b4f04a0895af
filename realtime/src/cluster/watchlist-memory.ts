import type { Connection } from '../connection/connection';
import { LocalWatchers } from '../watchlist/local-watchers';
import type { WatchlistSignin, WatchlistState } from './watchlist';

interface AppWatchlist {
  /** User id → its visible signed-in connections. */
  online: Map<string, Set<Connection>>;
  watchers: LocalWatchers;
}

/** One process: online users and watchers in memory; transitions go straight to the watchers. */
export class MemoryWatchlist implements WatchlistState {
  private readonly apps = new Map<string, AppWatchlist>();
  private readonly signedIn = new Map<Connection, { userId: string; visible: boolean }>();

  signIn(connection: Connection, signin: WatchlistSignin): void {
    const app = this.of(connection);
    const previous = this.signedIn.get(connection);
    this.signedIn.set(connection, { userId: signin.userId, visible: signin.visible });
    if (signin.visible) this.count(app, signin.userId, connection);
    if (previous?.visible && !signin.visible) this.uncount(app, previous.userId, connection);
    const watcher = app.watchers.watch(connection, signin.watchlist);
    if (watcher) app.watchers.start(connection, watcher, new Set(signin.watchlist.filter((id) => app.online.has(id))), 0);
  }

  signOut(connection: Connection): void {
    const previous = this.signedIn.get(connection);
    if (!previous) return;
    this.signedIn.delete(connection);
    const app = this.of(connection);
    app.watchers.unwatch(connection);
    if (previous.visible) this.uncount(app, previous.userId, connection);
  }

  private count(app: AppWatchlist, userId: string, connection: Connection): void {
    let connections = app.online.get(userId);
    if (!connections) {
      connections = new Set();
      app.online.set(userId, connections);
    }
    if (connections.has(connection)) return;
    connections.add(connection);
    if (connections.size === 1) app.watchers.apply({ userId, online: true, seq: 0 });
  }

  private uncount(app: AppWatchlist, userId: string, connection: Connection): void {
    const connections = app.online.get(userId);
    if (!connections?.delete(connection) || connections.size > 0) return;
    app.online.delete(userId);
    app.watchers.apply({ userId, online: false, seq: 0 });
  }

  private of(connection: Connection): AppWatchlist {
    let app = this.apps.get(connection.app.id);
    if (!app) {
      app = { online: new Map(), watchers: new LocalWatchers() };
      this.apps.set(connection.app.id, app);
    }
    return app;
  }
}
