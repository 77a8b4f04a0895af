import { describe, expect, it } from 'vitest';
import { loadConfigFromEnv } from '../src/config/env';
import { ConfigError, parseServerConfig, WEBHOOK_EVENT_NAMES } from '../src/config/schema';
import { WEBHOOK_LEAVE_DELAY_MS } from '../src/config/limits';

const APP_ENV = { PUSHER_APP_ID: 'a', PUSHER_APP_KEY: 'k', PUSHER_APP_SECRET: 's' };

describe('webhook configuration', () => {
  it('REALTIME_WEBHOOK_URL gives the env app one receiver of every event', () => {
    const config = loadConfigFromEnv({ ...APP_ENV, REALTIME_WEBHOOK_URL: 'http://127.0.0.1:3000/api/pusher/webhook' });
    expect(config.apps[0]?.webhooks).toEqual([{ url: 'http://127.0.0.1:3000/api/pusher/webhook', events: [...WEBHOOK_EVENT_NAMES] }]);
    expect(config.webhookOptions.leaveDelayMs).toBe(WEBHOOK_LEAVE_DELAY_MS);
  });

  it('REALTIME_WEBHOOK_EVENTS narrows the events; the leave delay and metrics token come from env too', () => {
    const config = loadConfigFromEnv({
      ...APP_ENV,
      REALTIME_WEBHOOK_URL: 'https://example.test/hook',
      REALTIME_WEBHOOK_EVENTS: ' member_added, member_removed ',
      REALTIME_WEBHOOK_LEAVE_DELAY_MS: '250',
      REALTIME_METRICS_TOKEN: 'tok',
    });
    expect(config.apps[0]?.webhooks).toEqual([{ url: 'https://example.test/hook', events: ['member_added', 'member_removed'] }]);
    expect(config.webhookOptions.leaveDelayMs).toBe(250);
    expect(config.metricsToken).toBe('tok');
  });

  it('no URL, no webhooks', () => {
    expect(loadConfigFromEnv(APP_ENV).apps[0]?.webhooks).toEqual([]);
  });

  it.each([
    [{ REALTIME_WEBHOOK_URL: 'ftp://example.test/hook' }, /webhooks\.0\.url/],
    [{ REALTIME_WEBHOOK_URL: 'not a url' }, /webhooks\.0\.url/],
    [{ REALTIME_WEBHOOK_URL: 'http://x.test/', REALTIME_WEBHOOK_EVENTS: 'member_added,member_left' }, /webhooks\.0\.events/],
    [{ REALTIME_WEBHOOK_LEAVE_DELAY_MS: '3s' }, /REALTIME_WEBHOOK_LEAVE_DELAY_MS/],
    [{ REALTIME_WEBHOOK_URL: 'http://x.test/', REALTIME_APPS_FILE: '/dev/null' }, /REALTIME_WEBHOOK_URL/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfigFromEnv({ ...APP_ENV, ...env })).toThrow(ConfigError);
    expect(() => loadConfigFromEnv({ ...APP_ENV, ...env })).toThrow(message);
  });

  it('apps files list receivers per app; unknown fields are refused', () => {
    const config = parseServerConfig({
      apps: [{ id: 'a', key: 'k', secret: 's', webhooks: [{ url: 'http://127.0.0.1:1/h', events: ['client_event'] }, { url: 'http://127.0.0.1:2/h' }] }],
    });
    expect(config.apps[0]?.webhooks.map((hook) => hook.events.length)).toEqual([1, 5]);
    expect(() => parseServerConfig({ apps: [{ id: 'a', key: 'k', secret: 's', webhooks: [{ url: 'http://x.test/', filter: 'x' }] }] })).toThrow(ConfigError);
  });
});
