import { RateLimiter } from './rate-limit';

export interface AddressLimitOptions {
  /** Open connections one address may hold at once (all apps together). */
  maxConnectionsPerAddress: number;
  /** New connections per second one address may open, on average… */
  newConnectionsPerAddressPerSecond: number;
  /** …after a burst of this many (a whole office reconnecting after a restart). */
  newConnectionBurstPerAddress: number;
}

export type AddressAdmission = { ok: true; release: () => void } | { ok: false; reason: string };

interface AddressEntry {
  open: number;
  opening: RateLimiter;
}

/** Admissions between two sweeps of the idle entries. */
const SWEEP_EVERY_ADMISSIONS = 1_024;

/**
 * Per client address: how many connections it holds and how fast it opens new ones, so that one
 * address (the app key is public) cannot take the app's whole connection quota. An address with no
 * connection is forgotten once its bucket has refilled, so memory follows the addresses in use.
 */
export class AddressLimits {
  private readonly entries = new Map<string, AddressEntry>();
  private admissions = 0;

  constructor(private readonly options: AddressLimitOptions) {}

  /** Takes a place for one new connection from `address`; `release` gives it back when it closes. */
  admit(address: string): AddressAdmission {
    this.admissions += 1;
    if (this.admissions % SWEEP_EVERY_ADMISSIONS === 0) this.sweep();
    const { maxConnectionsPerAddress, newConnectionsPerAddressPerSecond, newConnectionBurstPerAddress } = this.options;
    let entry = this.entries.get(address);
    if (!entry) {
      entry = { open: 0, opening: new RateLimiter(newConnectionsPerAddressPerSecond, undefined, newConnectionBurstPerAddress) };
      this.entries.set(address, entry);
    }
    if (entry.open >= maxConnectionsPerAddress) {
      return { ok: false, reason: `Too many connections from this address (at most ${maxConnectionsPerAddress})` };
    }
    if (!entry.opening.tryTake()) {
      return { ok: false, reason: `Connecting too fast from this address (at most ${newConnectionsPerAddressPerSecond} per second)` };
    }
    entry.open += 1;
    const held = entry;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        held.open -= 1;
      },
    };
  }

  /** Open connections of one address (metrics, tests). */
  openFrom(address: string): number {
    return this.entries.get(address)?.open ?? 0;
  }

  private sweep(): void {
    for (const [address, entry] of this.entries) {
      if (entry.open === 0 && entry.opening.isFull()) this.entries.delete(address);
    }
  }
}
