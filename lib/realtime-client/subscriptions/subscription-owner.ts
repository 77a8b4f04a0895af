import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';

/** How long an early subscription (a click into a room) waits for its page before it is dropped (a cancelled navigation). */
export const CLAIM_TIMEOUT_MS = 10_000;
/** Waits between attempts after a retryable refusal: quick at first, then every 10 s for as long as it lasts. */
export const SUBSCRIPTION_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 10_000];
/** Our realtime server's answer to subscribes sent faster than its per-connection rate. */
const RATE_LIMITED_STATUS = 429;
/** A realtime cluster's answer while its Redis is unreachable. */
const CLUSTER_UNAVAILABLE_STATUS = 503;
/**
 * `pusher:subscription_error` statuses that mean "the server cannot decide right now, ask again": too many
 * subscribes a second (429), or a cluster without its Redis (503). Every other refusal (401, 403, a full room…) is final
 * until a holder asks again (ChannelLease.askAgain).
 */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([RATE_LIMITED_STATUS, CLUSTER_UNAVAILABLE_STATUS]);

export type SubscriptionErrorPayload = { type?: unknown; status?: unknown; error?: unknown } | null | undefined;
export type SubscriptionRefusal = { error: SubscriptionErrorPayload };

/**
 * Where a channel stands with the parts of the page that use it:
 * - `early`: asked for before any view holds it (a click into a room, while the page loads), for CLAIM_TIMEOUT_MS;
 * - `held`: held by one or more views (`holders`);
 * - `leaving`: the last holder let go; the channel is left once the current commit is over, unless a holder
 *   comes back first (React's development double run, a view replaced by another on the same channel).
 * A channel nobody holds any more has no entry: it is left.
 */
export type HoldPhase = 'early' | 'held' | 'leaving';
/**
 * Where it stands with the server: `subscribing` (asked, no answer yet), `subscribed`, `refused` (a final
 * refusal, e.g. a full room: kept so a holder that comes later still hears it), `retrying` (a retryable refusal,
 * asked again on SUBSCRIPTION_RETRY_DELAYS_MS).
 */
export type ServerPhase = 'subscribing' | 'subscribed' | 'refused' | 'retrying';

/**
 * Runs right before the owner leaves the channel, on the same socket, only if the channel is left at the end of
 * the commit the farewell was given in (a view that held it meanwhile, or still holds it, calls it off).
 */
export type Farewell = (channel: Channel) => void;

export type ChannelLease = {
  readonly channel: Channel;
  /** The server's refusal, when the last answer was one (it may have come before this holder was there). */
  refusal(): SubscriptionRefusal | null;
  /** Sends a fresh `pusher:subscribe` after a refusal (a place may have freed up in a full room). */
  askAgain(): void;
  /** Gives the channel back (once; later calls do nothing). */
  release(farewell?: Farewell): void;
};

export type ChannelStatus = { hold: HoldPhase; server: ServerPhase; holders: number };

type Timer = ReturnType<typeof setTimeout>;
type Entry = {
  name: string;
  channel: Channel;
  holders: number;
  hold: HoldPhase;
  server: ServerPhase;
  refusal: SubscriptionRefusal | null;
  farewells: Farewell[];
  claimTimer: Timer | null;
  retryTimer: Timer | null;
  retryAttempt: number;
  unbind: () => void;
};

export type SubscriptionOwnerOptions = { claimTimeoutMs?: number; retryDelaysMs?: readonly number[] };

function statusOf(error: SubscriptionErrorPayload): number | null {
  return typeof error?.status === 'number' ? error.status : null;
}

/**
 * The one owner of every channel subscription this tab's pusher-js client makes (rooms, onlooker channels, the
 * lobby, later direct messages): nothing else calls `subscribe`/`unsubscribe`. Views hold a channel and release
 * it; the owner counts them and leaves a channel only once nobody holds it after the current commit, so
 * whatever order React runs effects and cleanups in (strict mode's double run included), a channel that is
 * still wanted stays subscribed and the others see nothing happen. It also keeps what pusher-js does not:
 * - an early subscription (holdEarly) waits CLAIM_TIMEOUT_MS for a view, then is dropped;
 * - the server's last refusal, for a view that was not there to hear it;
 * - retries after a retryable refusal (429, 503), with a fresh `pusher:subscribe` each time: pusher-js 8.6 leaves a
 *   refused channel marked `subscriptionPending`, so `unsubscribe()` + `subscribe()` would only cancel and
 *   reinstate that state and send nothing; `channel.disconnect()` clears the flags as pusher-js does itself
 *   when the connection drops, and `channel.subscribe()` then authorizes again.
 */
export class SubscriptionOwner {
  private readonly entries = new Map<string, Entry>();
  private readonly claimTimeoutMs: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly onConnected = () => {
    // pusher-js resubscribes every channel it knows on reconnecting: each is being asked again.
    for (const entry of this.entries.values()) if (entry.server !== 'subscribed') this.markAsked(entry);
  };

  constructor(
    private readonly pusher: Pusher,
    options: SubscriptionOwnerOptions = {},
  ) {
    this.claimTimeoutMs = options.claimTimeoutMs ?? CLAIM_TIMEOUT_MS;
    this.retryDelaysMs = options.retryDelaysMs ?? SUBSCRIPTION_RETRY_DELAYS_MS;
    pusher.connection.bind('connected', this.onConnected);
  }

  /** Holds `name` for a view: subscribes it if nobody did, or calls off its departure. */
  hold(name: string): ChannelLease {
    const entry = this.entries.get(name) ?? this.open(name);
    if (entry.hold === 'leaving') entry.farewells = [];
    this.clearClaimTimer(entry);
    entry.holders += 1;
    entry.hold = 'held';
    let released = false;
    return {
      channel: entry.channel,
      refusal: () => entry.refusal,
      askAgain: () => {
        if (!released) this.askAgain(entry);
      },
      release: (farewell) => {
        if (released) return;
        released = true;
        this.release(entry, farewell);
      },
    };
  }

  /** Starts subscribing before any view holds the channel; the first hold() claims it, else it is dropped in time. */
  holdEarly(name: string): void {
    const known = this.entries.get(name);
    if (known && known.hold !== 'leaving') return;
    const entry = known ?? this.open(name);
    entry.farewells = [];
    entry.hold = 'early';
    entry.claimTimer = setTimeout(() => {
      entry.claimTimer = null;
      if (entry.hold === 'early') this.leave(entry);
    }, this.claimTimeoutMs);
  }

  /** Where the channel of that name stands, or null when the owner does not hold it. */
  status(name: string): ChannelStatus | null {
    const entry = this.entries.get(name);
    return entry ? { hold: entry.hold, server: entry.server, holders: entry.holders } : null;
  }

  /** The client is going away: stops every timer (pusher-js drops its channels with the connection). */
  dispose(): void {
    this.pusher.connection.unbind('connected', this.onConnected);
    for (const entry of this.entries.values()) {
      this.clearClaimTimer(entry);
      this.clearRetryTimer(entry);
      entry.unbind();
    }
    this.entries.clear();
  }

  private open(name: string): Entry {
    const channel = this.pusher.subscribe(name);
    const entry: Entry = {
      name,
      channel,
      holders: 0,
      hold: 'held',
      server: channel.subscribed ? 'subscribed' : 'subscribing',
      refusal: null,
      farewells: [],
      claimTimer: null,
      retryTimer: null,
      retryAttempt: 0,
      unbind: () => undefined,
    };
    const onSucceeded = () => {
      entry.server = 'subscribed';
      entry.refusal = null;
      entry.retryAttempt = 0;
      this.clearRetryTimer(entry);
    };
    const onError = (error: SubscriptionErrorPayload) => {
      entry.refusal = { error };
      const status = statusOf(error);
      if (status === null || !RETRYABLE_STATUSES.has(status)) {
        entry.server = 'refused';
        return;
      }
      entry.server = 'retrying';
      this.clearRetryTimer(entry);
      const delay = this.retryDelaysMs[Math.min(entry.retryAttempt, this.retryDelaysMs.length - 1)] ?? 0;
      entry.retryAttempt += 1;
      entry.retryTimer = setTimeout(() => {
        entry.retryTimer = null;
        this.askAgain(entry);
      }, delay);
    };
    channel.bind('pusher:subscription_succeeded', onSucceeded);
    channel.bind('pusher:subscription_error', onError);
    entry.unbind = () => {
      channel.unbind('pusher:subscription_succeeded', onSucceeded);
      channel.unbind('pusher:subscription_error', onError);
    };
    this.entries.set(name, entry);
    return entry;
  }

  private release(entry: Entry, farewell: Farewell | undefined): void {
    if (farewell) entry.farewells.push(farewell);
    entry.holders -= 1;
    if (entry.holders === 0) entry.hold = 'leaving';
    // After the commit: every other cleanup can still speak on the channel, and a holder coming back calls the
    // departure off. A farewell is said only if the channel is left at the end of the commit it was given in.
    queueMicrotask(() => {
      if (this.entries.get(entry.name) !== entry) return;
      if (entry.hold === 'leaving') this.leave(entry);
      else if (entry.holders > 0) entry.farewells = [];
    });
  }

  private leave(entry: Entry): void {
    this.entries.delete(entry.name);
    this.clearClaimTimer(entry);
    this.clearRetryTimer(entry);
    entry.unbind();
    if (entry.channel.subscribed) for (const farewell of entry.farewells) farewell(entry.channel);
    // A refused channel is still marked pending by pusher-js, and unsubscribe() would only mark it cancelled
    // and keep it; cleared, it is dropped. (One really in flight stays pending: pusher-js leaves it on success.)
    if (entry.server === 'refused' || entry.server === 'retrying') entry.channel.disconnect();
    this.pusher.unsubscribe(entry.name);
  }

  private askAgain(entry: Entry): void {
    if (this.entries.get(entry.name) !== entry || entry.channel.subscribed || entry.server === 'subscribing') return;
    // While disconnected pusher-js asks again by itself on reconnecting (onConnected).
    if (this.pusher.connection.state !== 'connected') return;
    this.markAsked(entry);
    entry.channel.disconnect();
    entry.channel.subscribe();
  }

  private markAsked(entry: Entry): void {
    entry.server = 'subscribing';
    this.clearRetryTimer(entry);
  }

  private clearClaimTimer(entry: Entry): void {
    if (entry.claimTimer !== null) clearTimeout(entry.claimTimer);
    entry.claimTimer = null;
  }

  private clearRetryTimer(entry: Entry): void {
    if (entry.retryTimer !== null) clearTimeout(entry.retryTimer);
    entry.retryTimer = null;
  }
}
