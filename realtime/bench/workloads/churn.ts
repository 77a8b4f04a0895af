import { performance } from 'node:perf_hooks';
import type PusherServer from 'pusher';
import { restClient } from '../support/credentials';
import { cpuMs } from '../support/proc';
import { round } from '../support/stats';
import { BenchClient, closeAll, type BenchFrame } from '../support/ws-client';
import type { Workload } from './types';

export const CHURN_DURATION_MS = 30_000;
export const CHURN_DURATION_MS_QUICK = 5_000;
/** Members that stay all along (they see every join and leave). */
export const CHURN_OBSERVERS = 20;
/** Members that join and leave in a loop (together with observers, within Pusher's 100-member cap). */
export const CHURN_CHURNERS = 40;
/** Share of leaves done by dropping the socket (a page reload) rather than `pusher:unsubscribe`. */
export const CHURN_DISCONNECT_SHARE = 0.25;
/** The channel is considered settled after this long without a member event. */
export const QUIET_MS = 500;
export const QUIET_TIMEOUT_MS = 10_000;
const CHANNEL = 'presence-churn';

/** One presence member as a client sees the channel: its own member list, kept from the protocol. */
class Member {
  subscribed = false;
  readonly members = new Set<string>();
  constructor(
    public client: BenchClient,
    readonly userId: string,
    private readonly counters: { events: number; lastEventAt: number },
  ) {
    this.attach();
  }

  attach(): void {
    this.client.onFrame = (frame) => this.handle(frame);
  }

  async join(rest: PusherServer): Promise<void> {
    const succeeded = this.client.next((frame) => frame.event === 'pusher_internal:subscription_succeeded' && frame.channel === CHANNEL);
    const auth = rest.authorizeChannel(this.client.socketId, CHANNEL, { user_id: this.userId });
    this.client.send({ event: 'pusher:subscribe', data: { channel: CHANNEL, ...auth } });
    await succeeded;
  }

  leave(): void {
    this.subscribed = false;
    this.members.clear();
    this.client.send({ event: 'pusher:unsubscribe', data: { channel: CHANNEL } });
  }

  async reconnect(port: number): Promise<void> {
    this.subscribed = false;
    this.members.clear();
    this.client.close();
    this.client = await BenchClient.connect(port);
    this.attach();
  }

  private handle(frame: BenchFrame): void {
    if (frame.channel !== CHANNEL) return;
    if (frame.event === 'pusher_internal:subscription_succeeded') {
      const data = JSON.parse(frame.data as string) as { presence: { ids: string[] } };
      this.members.clear();
      for (const id of data.presence.ids) this.members.add(String(id));
      this.subscribed = true;
      return;
    }
    const isAdded = frame.event === 'pusher_internal:member_added';
    if (!isAdded && frame.event !== 'pusher_internal:member_removed') return;
    this.counters.events += 1;
    this.counters.lastEventAt = performance.now();
    // Frames of a previous subscription still in flight after a leave are not part of this one.
    if (!this.subscribed) return;
    const userId = String((JSON.parse(frame.data as string) as { user_id: string }).user_id);
    if (isAdded) this.members.add(userId);
    else this.members.delete(userId);
  }
}

/**
 * Observers sit in a presence channel while churners join and leave it as fast as the server lets
 * them for 30 s (some leaves by dropping the socket). Reported: member events delivered per second
 * and join+leave cycles per second. Then everyone settles (each churner ends in or out at random)
 * and every member's own list is compared with the server's `GET /channels/{name}/users`.
 */
export const churn: Workload = async ({ port, pid, quick }) => {
  const durationMs = quick ? CHURN_DURATION_MS_QUICK : CHURN_DURATION_MS;
  const rest = restClient(port);
  const counters = { events: 0, lastEventAt: 0 };
  const members: Member[] = [];
  try {
    for (let i = 0; i < CHURN_OBSERVERS + CHURN_CHURNERS; i += 1) {
      members.push(new Member(await BenchClient.connect(port), `${i < CHURN_OBSERVERS ? 'observer' : 'churner'}-${i}`, counters));
    }
    const observers = members.slice(0, CHURN_OBSERVERS);
    const churners = members.slice(CHURN_OBSERVERS);
    for (const observer of observers) await observer.join(rest);

    counters.events = 0;
    let cycles = 0;
    const cpuBefore = cpuMs(pid);
    const started = performance.now();
    const deadline = started + durationMs;
    await Promise.all(
      churners.map(async (member, index) => {
        while (performance.now() < deadline) {
          await member.join(rest);
          if (Math.random() < CHURN_DISCONNECT_SHARE) await member.reconnect(port);
          else member.leave();
          cycles += 1;
        }
        // Finish in or out, alternately, so the final list is a real subset.
        if (index % 2 === 0) await member.join(rest);
      }),
    );
    const elapsedS = (performance.now() - started) / 1000;
    const cpuUsed = cpuMs(pid) - cpuBefore;
    const events = counters.events;

    const quietDeadline = performance.now() + QUIET_TIMEOUT_MS;
    while (performance.now() - counters.lastEventAt < QUIET_MS && performance.now() < quietDeadline) await sleep(50);
    const response = await rest.get({ path: `/channels/${CHANNEL}/users` });
    const serverIds = new Set(((await response.json()) as { users: { id: string }[] }).users.map((user) => String(user.id)));
    const expected = new Set(members.filter((member) => member.subscribed).map((member) => member.userId));
    const mismatched = members.filter((member) => member.subscribed && !sameSet(member.members, serverIds)).length;
    return {
      duration_s: round(elapsedS, 1),
      member_events_per_s: Math.round(events / elapsedS),
      cycles_per_s: Math.round(cycles / elapsedS),
      cpu_us_per_member_event: round((cpuUsed * 1000) / events, 2),
      final_members: serverIds.size,
      server_list_wrong: sameSet(serverIds, expected) ? 0 : 1,
      clients_with_wrong_list: mismatched,
    };
  } finally {
    closeAll(members.map((member) => member.client));
  }
};

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const value of a) if (!b.has(value)) return false;
  return true;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
