import { describe, expect, it } from 'vitest';
import { RawClient } from './helpers/raw-client';
import { rawSubscribe } from './helpers/raw-auth';
import { rawMarker } from './helpers/marker';
import { setupTestServer } from './helpers/suite';

const suite = setupTestServer({ extraApps: [{ id: 'app-2', key: 'key-2', secret: 'secret-2' }] });

describe('several apps on one server', () => {
  it('keeps channels, events and signatures of different apps apart', async () => {
    const one = await RawClient.connect(suite.port);
    const two = RawClient.open(suite.port, '/app/key-2?protocol=7');
    const established = await two.next('pusher:connection_established');
    two.socketId = (established.data as { socket_id: string }).socket_id;
    await rawSubscribe(suite.server, one, 'shared');
    two.send({ event: 'pusher:subscribe', data: { channel: 'shared' } });
    await two.next('pusher_internal:subscription_succeeded');

    await suite.server.rest.trigger('shared', 'for-app-1', {});
    await one.next('for-app-1');
    const appTwo = suite.server.restWith({ appId: 'app-2', key: 'key-2', secret: 'secret-2' });
    await appTwo.trigger('shared', 'for-app-2', {});
    await two.next('for-app-2');
    await Promise.all([rawMarker(suite.server, 'shared', one), rawMarker({ rest: appTwo }, 'shared', two)]);
    expect(one.seen('for-app-2')).toHaveLength(0);
    expect(two.seen('for-app-1')).toHaveLength(0);

    // A signature made with app-1's secret does not open app-2's private channels.
    const forged = suite.server.rest.authorizeChannel(two.socketId, 'private-two');
    two.send({ event: 'pusher:subscribe', data: { channel: 'private-two', auth: forged.auth.replace('key-1', 'key-2') } });
    expect((await two.next('pusher:subscription_error')).data).toMatchObject({ type: 'AuthError' });
    const signed = appTwo.authorizeChannel(two.socketId, 'private-two');
    two.send({ event: 'pusher:subscribe', data: { channel: 'private-two', auth: signed.auth } });
    await two.next('pusher_internal:subscription_succeeded', (f) => f.channel === 'private-two');
    one.close();
    two.close();
  });
});
