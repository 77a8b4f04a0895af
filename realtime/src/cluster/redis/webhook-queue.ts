import type { Webhooks } from '../../webhooks/webhooks';
import type { RedisNodeContext } from './node-context';
import { parseWebhookRecord } from './replies';

/** Webhook events claimed from the shared queue in one step. */
const WEBHOOK_CLAIM_BATCH = 100;

/**
 * The cluster's webhook queue in Redis: the scripts that decide joins and leaves enqueue each
 * transition once (leaves held for the leave delay); any node claims due events and sends them.
 */
export class WebhookQueue {
  constructor(
    private readonly node: RedisNodeContext,
    private readonly webhooks: Webhooks,
  ) {}

  async claim(): Promise<void> {
    if (this.node.command.status !== 'ready') return;
    for (;;) {
      const records = (await this.node.run('claim-webhooks', [WEBHOOK_CLAIM_BATCH])) as string[];
      for (const record of records) {
        const parsed = parseWebhookRecord(record);
        if (parsed) this.webhooks.send(parsed.appId, parsed.event);
        else this.node.log.warn('malformed webhook record ignored', { event: 'cluster_webhook_malformed' });
      }
      if (records.length < WEBHOOK_CLAIM_BATCH) return;
    }
  }
}
