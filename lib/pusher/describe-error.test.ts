import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import Pusher from 'pusher';
import { describe, expect, it } from 'vitest';
import { describePusherError, isPusherRequestError } from './describe-error';

/** A loopback port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function failedTrigger(client: Pusher): Promise<unknown> {
  return client.trigger('presence-hobby-books', 'presence-tab-closed', {}).then(
    () => { throw new Error('the trigger should have failed'); },
    (error: unknown) => error,
  );
}

describe('isPusherRequestError', () => {
  it("recognises the SDK's REST failure, also from another copy of the SDK (the Node front's bundle shares the client)", async () => {
    const port = await closedPort();
    const options = { appId: '1', key: 'key', secret: 'secret', host: '127.0.0.1', port: String(port) };
    const ours = await failedTrigger(new Pusher(options));
    expect(isPusherRequestError(ours)).toBe(true);
    expect(describePusherError(ours)).not.toContain('auth_signature');

    // A second module instance of the SDK, as the other bundle has: its errors are not `instanceof` ours.
    const require = createRequire(import.meta.url);
    const sdkFolder = path.dirname(require.resolve('pusher/package.json'));
    const sdkModules = Object.keys(require.cache).filter((file) => file.startsWith(sdkFolder + path.sep));
    const saved = new Map(sdkModules.map((file) => [file, require.cache[file]]));
    for (const file of sdkModules) delete require.cache[file];
    const OtherPusher = require('pusher') as typeof Pusher;
    for (const [file, module] of saved) require.cache[file] = module;
    const theirs = await failedTrigger(new OtherPusher(options));
    expect(theirs instanceof Pusher.RequestError).toBe(false);
    expect(isPusherRequestError(theirs)).toBe(true);

    expect(isPusherRequestError(new Error('something else'))).toBe(false);
    expect(isPusherRequestError('PusherRequestError')).toBe(false);
  });
});
