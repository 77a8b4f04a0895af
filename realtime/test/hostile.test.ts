import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { RawClient } from './helpers/raw-client';
import { rawSubscribe } from './helpers/raw-auth';
import { expectServerHealthy } from './helpers/health';
import { withTimeout } from './helpers/wait';
import { startTestServer } from './helpers/server';
import { setupTestServer } from './helpers/suite';

const FRAME_CAP = 16 * 1024;
const suite = setupTestServer({ maxFrameBytes: FRAME_CAP });

describe('malformed input over the WebSocket', () => {
  it.each([
    ['invalid JSON', '{"event": '],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"pusher:ping"'],
    ['null', 'null'],
    ['a missing event', '{"data": {}}'],
    ['a non-string event', '{"event": 7}'],
    ['a non-string channel', '{"event": "client-x", "channel": 5}'],
    ['an unknown pusher event', '{"event": "pusher:launch_missiles", "data": {}}'],
    ['an unknown plain event', '{"event": "hello", "data": {}}'],
    ['subscribe with string data that is not JSON', '{"event": "pusher:subscribe", "data": "nope"}'],
    ['subscribe with a numeric channel', '{"event": "pusher:subscribe", "data": {"channel": 5}}'],
    ['unsubscribe without data', '{"event": "pusher:unsubscribe"}'],
  ])('answers %s with pusher:error and stays usable', async (_label, text) => {
    const client = await RawClient.connect(suite.port);
    client.send(text);
    const error = await client.next('pusher:error');
    expect(error.data).toHaveProperty('message');
    client.send({ event: 'pusher:ping', data: {} });
    await client.next('pusher:pong');
    client.close();
  });

  it('answers a signin without data with error 4009 and a 4009 close (it is an unauthorized signin)', async () => {
    const client = await RawClient.connect(suite.port);
    client.send('{"event": "pusher:signin"}');
    expect((await client.next('pusher:error')).data).toMatchObject({ code: 4009 });
    expect((await client.waitClose()).code).toBe(4009);
    await expectServerHealthy(suite.server);
  });

  it('refuses binary frames with pusher:error', async () => {
    const client = await RawClient.connect(suite.port);
    client.socket.send(Buffer.from(JSON.stringify({ event: 'pusher:ping', data: {} })), { binary: true });
    await client.next('pusher:error');
    client.close();
  });

  it('closes a connection that sends a frame over the cap with 1009, and survives', async () => {
    const client = await RawClient.connect(suite.port);
    client.send({ event: 'client-big', channel: 'private-x', data: 'x'.repeat(FRAME_CAP + 1) });
    expect((await client.waitClose()).code).toBe(1009);
    await expectServerHealthy(suite.server);
  });

  it('survives a flood of garbage and keeps answering', async () => {
    const client = await RawClient.connect(suite.port);
    for (let i = 0; i < 500; i += 1) client.send(i % 2 === 0 ? '{{{' : JSON.stringify({ event: `junk-${i}` }));
    client.send({ event: 'pusher:ping', data: {} });
    await client.next('pusher:pong', () => true, 5_000);
    expect(client.seen('pusher:error').length).toBe(500);
    client.close();
    await expectServerHealthy(suite.server);
  });

  it('survives subscribe/unsubscribe churn on one connection', async () => {
    const client = await RawClient.connect(suite.port);
    for (let i = 0; i < 200; i += 1) {
      client.send({ event: 'pusher:subscribe', data: { channel: `churn-${i % 5}` } });
      client.send({ event: 'pusher:unsubscribe', data: { channel: `churn-${i % 5}` } });
    }
    client.send({ event: 'pusher:ping', data: {} });
    await client.next('pusher:pong');
    const listing = (await (await suite.server.rest.get({ path: '/channels', params: { filter_by_prefix: 'churn-' } })).json()) as {
      channels: Record<string, unknown>;
    };
    expect(listing.channels).toEqual({});
    client.close();
  });

  it('handles a subscriber that disconnects in the middle of a broadcast', async () => {
    const clients = await Promise.all(Array.from({ length: 10 }, () => RawClient.connect(suite.port)));
    for (const client of clients) await rawSubscribe(suite.server, client, 'broadcast-drop');
    for (const client of clients.slice(0, 5)) client.socket.terminate();
    await suite.server.rest.trigger('broadcast-drop', 'after-drop', {});
    for (const client of clients.slice(5)) await client.next('after-drop');
    for (const client of clients.slice(5)) client.close();
    await expectServerHealthy(suite.server);
  });
});

describe('slow consumers', () => {
  it('closes a client that stops reading with 4100 instead of buffering without bound', async () => {
    const slow = await startTestServer({ maxSocketBufferedBytes: 64 * 1024 });
    try {
      const reader = await RawClient.connect(slow.port);
      const stalled = await RawClient.connect(slow.port);
      await rawSubscribe(slow, reader, 'firehose');
      await rawSubscribe(slow, stalled, 'firehose');
      stalled.socket.pause(); // stop reading from the TCP socket
      const payload = 'x'.repeat(10 * 1024);
      let sent = 0;
      // Bounded: 16 MB at most, far beyond what loopback socket buffers absorb.
      for (let round = 0; round < 160 && stalled.socket.readyState === stalled.socket.OPEN; round += 1) {
        await slow.rest.triggerBatch(Array.from({ length: 10 }, () => ({ channel: 'firehose', name: 'chunk', data: payload })));
        sent += 10;
        const serverSide = [...(slow.server.apps.findById('app-1')?.connections.keys() ?? [])];
        if (!serverSide.includes(stalled.socketId)) break;
      }
      stalled.socket.resume();
      expect((await stalled.waitClose(5_000)).code).toBe(4100);
      expect(sent).toBeGreaterThan(0);
      reader.send({ event: 'pusher:ping', data: {} });
      await reader.next('pusher:pong', () => true, 5_000);
      reader.close();
    } finally {
      await slow.close();
    }
  });
});

describe('malformed HTTP', () => {
  it('answers garbage on the HTTP port with 400 and keeps serving', async () => {
    const reply = await withTimeout<string>('garbage reply', (resolve) => {
      const socket = connect(suite.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    await expectServerHealthy(suite.server);
  });

  it('refuses a WebSocket upgrade to an unknown path with 4005 and an unknown key with 4001', async () => {
    const a = RawClient.open(suite.port, '/socket.io/?protocol=7');
    expect((await a.waitClose()).code).toBe(4005);
    const b = RawClient.open(suite.port, '/app/%E0%A4%A?protocol=7');
    expect([4001, 4005]).toContain((await b.waitClose()).code);
    await expectServerHealthy(suite.server);
  });
});
