import { CLUSTER_WEBHOOK_CLAIM_BATCH } from '../../config/limits';
import type { WebhookSettled } from '../../webhooks/target';
import type { Webhooks } from '../../webhooks/webhooks';
import type { RedisNodeContext } from './node-context';
import { describe } from './node-log';
import { parseWebhookRecord } from './replies';

/**
 * The cluster's webhook queue in Redis: the scripts that decide joins and leaves enqueue each
 * transition once (leaves held for the leave delay); any node claims due events and sends them.
 * A claim is a lease (`claim-webhooks.lua`): this node renews it every poll while sending and acks
 * the event once it is settled (`ack-webhooks.lua`); if the node dies first, another takes it back
 * when the lease runs out. At-least-once: a node dying after the receiver answered but before the
 * ack makes the event arrive twice.
 */
export class WebhookQueue {
  /** Ids claimed by this node and not yet settled: their lease is renewed at every claim. */
  private readonly sending = new Set<string>();
  private readonly toAck: string[] = [];
  private ackScheduled = false;

  constructor(
    private readonly node: RedisNodeContext,
    private readonly webhooks: Webhooks,
  ) {}

  async claim(): Promise<void> {
    if (this.node.command.status !== 'ready') return;
    for (;;) {
      const args = [CLUSTER_WEBHOOK_CLAIM_BATCH, this.node.cluster.webhookLeaseMs, ...this.sending];
      const claimed = (await this.node.run('claim-webhooks', args)) as string[];
      for (let i = 0; i + 1 < claimed.length; i += 2) this.send(claimed[i] as string, claimed[i + 1] as string);
      if (claimed.length < 2 * CLUSTER_WEBHOOK_CLAIM_BATCH) return;
    }
  }

  private send(id: string, record: string): void {
    // Taken back from a node that died: this node may already be sending it (it froze, then woke).
    if (this.sending.has(id)) return;
    const parsed = parseWebhookRecord(record);
    if (!parsed) {
      this.node.log.warn('malformed webhook record dropped', { event: 'cluster_webhook_malformed' });
      this.ack(id);
      return;
    }
    this.sending.add(id);
    const settled: WebhookSettled = (outcome) => {
      this.sending.delete(id);
      // Dropped at shutdown: not acked, so another node sends it when the lease runs out.
      if (outcome !== 'shutdown') this.ack(id);
    };
    this.webhooks.send(parsed.appId, parsed.event, settled);
  }

  /** Acks are gathered for one event-loop turn and sent in one script call. */
  private ack(id: string): void {
    this.toAck.push(id);
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    setImmediate(() => {
      this.ackScheduled = false;
      const ids = this.toAck.splice(0);
      this.node.run('ack-webhooks', ids).catch((error: unknown) => {
        // The lease runs out and another node sends these again: at-least-once.
        this.node.log.warn(`webhook acknowledgement failed (they will be sent again): ${describe(error)}`, { event: 'cluster_webhook_ack_failed', events: ids.length });
      });
    });
  }
}
