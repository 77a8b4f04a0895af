import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { connectClient, waitForState, type TestClient } from './helpers/pusher-client';
import { rawSubscribe } from './helpers/raw-auth';
import { APP } from './helpers/server';
import { expectServerHealthy } from './helpers/health';
import { withTimeout } from './helpers/wait';
import { setupTestServer } from './helpers/suite';

const suite = setupTestServer();
const { clients, raw } = suite;

function userEvent(client: TestClient, event: string): Promise<unknown> {
  return withTimeout(`user event ${event}`, (resolve) => {
    client.user.bind(event, resolve);
    return () => client.user.unbind(event, resolve);
  });
}

describe('pusher:signin', () => {
  it('answers a valid signature with pusher:signin_success carrying the user_data', async () => {
    const client = await raw();
    const signed = suite.server.rest.authenticateUser(client.socketId, { id: 'u1', user_info: { name: 'One' } });
    client.send({ event: 'pusher:signin', data: signed });
    const success = await client.next('pusher:signin_success');
    expect(success.data).toEqual({ user_data: signed.user_data });
  });

  it('signs pusher-js in (user.user_data is set)', async () => {
    const client = await connectClient(suite.server, { user: { id: 'js-user' } });
    clients.push(client);
    expect(client.user.user_data).toMatchObject({ id: 'js-user' });
  });

  const sign = (secret: string, text: string): string => createHmac('sha256', secret).update(text).digest('hex');
  it.each([
    ['a forged signature', (_s: string, data: string) => ({ auth: `${APP.key}:${'f'.repeat(64)}`, user_data: data })],
    ['the wrong secret', (s: string, data: string) => ({ auth: `${APP.key}:${sign('nope', `${s}::user::${data}`)}`, user_data: data })],
    ['another socket id', (_s: string, data: string) => ({ auth: `${APP.key}:${sign(APP.secret, `1.2::user::${data}`)}`, user_data: data })],
    ['another key', (s: string, data: string) => ({ auth: `other:${sign(APP.secret, `${s}::user::${data}`)}`, user_data: data })],
    ['altered user_data', (s: string, data: string) => ({ auth: `${APP.key}:${sign(APP.secret, `${s}::user::${data}`)}`, user_data: data.replace('victim', 'admin') })],
  ])('refuses %s with error 4009 and closes with 4009', async (_label, forge) => {
    const client = await raw();
    client.send({ event: 'pusher:signin', data: forge(client.socketId, JSON.stringify({ id: 'victim' })) });
    const error = await client.next('pusher:error');
    expect(error.data).toMatchObject({ code: 4009 });
    expect((await client.waitClose()).code).toBe(4009);
    expect(client.seen('pusher:signin_success')).toHaveLength(0);
  });

  it('refuses user_data without an id', async () => {
    const client = await raw();
    const userData = JSON.stringify({ name: 'nobody' });
    client.send({ event: 'pusher:signin', data: { auth: `${APP.key}:${sign(APP.secret, `${client.socketId}::user::${userData}`)}`, user_data: userData } });
    expect((await client.waitClose()).code).toBe(4009);
    await expectServerHealthy(suite.server);
  });
});

describe('server-to-user events', () => {
  it('sendToUser reaches every connection of that user and no one else', async () => {
    const aliceA = await connectClient(suite.server, { user: { id: 'alice' } });
    const aliceB = await connectClient(suite.server, { user: { id: 'alice' } });
    const bob = await connectClient(suite.server, { user: { id: 'bob' } });
    clients.push(aliceA, aliceB, bob);
    const bobGot: unknown[] = [];
    bob.user.bind('note', (data: unknown) => bobGot.push(data));
    const a = userEvent(aliceA, 'note');
    const b = userEvent(aliceB, 'note');
    await suite.server.rest.sendToUser('alice', 'note', { text: 'for alice' });
    expect(await a).toEqual({ text: 'for alice' });
    expect(await b).toEqual({ text: 'for alice' });
    // Bob's own event, sent after, is the marker: alice's would have reached him first.
    const marker = userEvent(bob, 'marker');
    await suite.server.rest.sendToUser('bob', 'marker', {});
    await marker;
    expect(bobGot).toEqual([]);
  });

  it('never delivers a user channel to a connection that is not signed in as that user', async () => {
    const anonymous = await raw();
    anonymous.send({ event: 'pusher:subscribe', data: { channel: '#server-to-user-alice' } });
    const error = await anonymous.next('pusher:subscription_error');
    expect(error.data).toMatchObject({ type: 'AuthError' });
    const bob = await raw();
    bob.send({ event: 'pusher:signin', data: suite.server.rest.authenticateUser(bob.socketId, { id: 'bob' }) });
    await bob.next('pusher:signin_success');
    bob.send({ event: 'pusher:subscribe', data: { channel: '#server-to-user-alice' } });
    await bob.next('pusher:subscription_error');
    await rawSubscribe(suite.server, anonymous, 'marker-channel');
    await suite.server.rest.sendToUser('alice', 'private-note', { secret: true });
    await suite.server.rest.sendToUser('bob', 'marker', {});
    await suite.server.rest.trigger('marker-channel', 'marker', {});
    await Promise.all([bob.next('marker'), anonymous.next('marker')]);
    expect(anonymous.seen('private-note')).toHaveLength(0);
    expect(bob.seen('private-note')).toHaveLength(0);
  });

  it('refuses a second signin as a different user on the same connection', async () => {
    const client = await raw();
    client.send({ event: 'pusher:signin', data: suite.server.rest.authenticateUser(client.socketId, { id: 'first' }) });
    await client.next('pusher:signin_success');
    client.send({ event: 'pusher:signin', data: suite.server.rest.authenticateUser(client.socketId, { id: 'second' }) });
    await client.next('pusher:error');
    await suite.server.rest.sendToUser('second', 'hijack', {});
    await suite.server.rest.sendToUser('first', 'mine', {});
    await client.next('mine');
    expect(client.seen('hijack')).toHaveLength(0);
  });
});

describe('terminate_connections', () => {
  it('closes every connection of the user (4009) and leaves others connected', async () => {
    const victimA = await raw();
    const victimB = await raw();
    const bystander = await raw();
    for (const [client, id] of [[victimA, 'victim'], [victimB, 'victim'], [bystander, 'bystander']] as const) {
      client.send({ event: 'pusher:signin', data: suite.server.rest.authenticateUser(client.socketId, { id }) });
      await client.next('pusher:signin_success');
    }
    const response = await suite.server.rest.terminateUserConnections('victim');
    expect(response.status).toBe(200);
    expect((await victimA.waitClose()).code).toBe(4009);
    expect((await victimB.waitClose()).code).toBe(4009);
    bystander.send({ event: 'pusher:ping', data: {} });
    await bystander.next('pusher:pong');
  });

  it('keeps pusher-js from reconnecting after termination', async () => {
    const client = await connectClient(suite.server, { user: { id: 'terminated-js' } });
    clients.push(client);
    await suite.server.rest.terminateUserConnections('terminated-js');
    await waitForState(client, 'disconnected');
  });
});
