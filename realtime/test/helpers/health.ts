import { expect } from 'vitest';
import { connectClient, nextEvent, subscribe } from './pusher-client';
import type { TestServer } from './server';

let probe = 0;

/** Proves the server still serves a fresh client end to end: connect, subscribe, receive a REST event. */
export async function expectServerHealthy(test: TestServer): Promise<void> {
  probe += 1;
  const client = await connectClient(test);
  try {
    const channel = await subscribe(client, `health-probe-${probe}`);
    const received = nextEvent<{ n: number }>(channel, 'probe');
    await test.rest.trigger(channel.name, 'probe', { n: probe });
    expect((await received).data).toEqual({ n: probe });
  } finally {
    client.disconnect();
  }
}
