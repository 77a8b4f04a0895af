import { describe, expect, it } from 'vitest';
import PusherServer from 'pusher';
import { canonicalQuery, verifyRestRequest } from '../src/auth/rest-auth';
import { safeEqual } from '../src/auth/hmac';
import { verifyChannelAuth, verifyUserAuth } from '../src/auth/socket-auth';
import { parseServerConfig } from '../src/config/schema';
import { HttpError } from '../src/errors';

// The worked examples of pusher/docs auth-signatures.md and rest-api.md.
const app = parseServerConfig({ apps: [{ id: '3', key: '278d425bdf160c739803', secret: '7ad3773142a6692b25b8' }] }).apps[0]!;

describe('socket auth signatures (auth-signatures.md worked examples)', () => {
  it('accepts the documented private channel signature', () => {
    const auth = '278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4';
    expect(verifyChannelAuth(app, '1234.1234', 'private-foobar', auth, undefined)).toBe(true);
    expect(verifyChannelAuth(app, '1234.1235', 'private-foobar', auth, undefined)).toBe(false);
    expect(verifyChannelAuth(app, '1234.1234', 'private-foobaz', auth, undefined)).toBe(false);
  });

  it('accepts a presence signature over channel_data as the official SDK makes it', () => {
    // The docs' presence example signature (afaed369…) does not match its own inputs, so the
    // official server SDK is the reference here.
    const sdk = new PusherServer({ appId: '3', key: app.key, secret: app.secret, host: '127.0.0.1' });
    const signed = sdk.authorizeChannel('1234.1234', 'presence-foobar', { user_id: '10', user_info: { name: 'Mr. Channels' } });
    expect(verifyChannelAuth(app, '1234.1234', 'presence-foobar', signed.auth, signed.channel_data)).toBe(true);
    expect(verifyChannelAuth(app, '1234.1234', 'presence-foobar', signed.auth, signed.channel_data?.replace('10', '11'))).toBe(false);
    expect(verifyChannelAuth(app, '1234.1234', 'presence-foobar', signed.auth, undefined)).toBe(false);
  });

  it('accepts the documented user authentication signature', () => {
    const auth = '278d425bdf160c739803:4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba';
    expect(verifyUserAuth(app, '1234.1234', '{"id":"12345"}', auth)).toBe(true);
    expect(verifyUserAuth(app, '1234.1234', '{"id":"12346"}', auth)).toBe(false);
    expect(verifyUserAuth(app, '1234.1234', '{"id":"12345"}', auth.replace('278d', '278e'))).toBe(false);
  });

  it('compares in constant time only strings of equal length', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('é', 'e')).toBe(false);
  });
});

describe('REST signatures (rest-api.md worked example)', () => {
  const body = Buffer.from('{"name":"foo","channels":["project-3"],"data":"{\\"some\\":\\"data\\"}"}');
  const query = (signature: string) =>
    new URLSearchParams({
      auth_key: '278d425bdf160c739803',
      auth_timestamp: '1353088179',
      auth_version: '1.0',
      body_md5: 'ec365a775a4cd0599faeb73354201b6f',
      auth_signature: signature,
    });
  const signature = 'da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c';

  it('accepts the documented request at its own time', () => {
    expect(() => verifyRestRequest(app, { method: 'POST', rawPath: '/apps/3/events', query: query(signature), body }, 1353088179)).not.toThrow();
  });

  it('refuses it 601 s later, or with any part changed', () => {
    const attempt = (overrides: Partial<{ now: number; path: string; method: string; signature: string; body: Buffer }>) => () =>
      verifyRestRequest(
        app,
        {
          method: overrides.method ?? 'POST',
          rawPath: overrides.path ?? '/apps/3/events',
          query: query(overrides.signature ?? signature),
          body: overrides.body ?? body,
        },
        overrides.now ?? 1353088179,
      );
    expect(attempt({ now: 1353088179 + 601 })).toThrow(HttpError);
    expect(attempt({ now: 1353088179 + 600 })).not.toThrow();
    expect(attempt({ path: '/apps/3/batch_events' })).toThrow(/signature/);
    expect(attempt({ method: 'PUT' })).toThrow(/signature/);
    expect(attempt({ signature: signature.toUpperCase() })).toThrow(/signature/);
    expect(attempt({ body: Buffer.from('{}') })).toThrow(/body_md5/);
  });

  it('builds the string to sign from lower-cased, sorted keys without auth_signature', () => {
    const params = new URLSearchParams('b=2&A=1&auth_signature=x&c=hello world');
    expect(canonicalQuery(params)).toBe('a=1&b=2&c=hello world');
  });
});
