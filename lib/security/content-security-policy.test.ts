import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { contentSecurityPolicy, realtimeConnectSources } from './content-security-policy';

const base = { AUTH_SECRET: 'x'.repeat(32), PUSHER_APP_ID: '1', PUSHER_APP_KEY: 'key', PUSHER_APP_SECRET: 'secret' };
const browserPusher = (env: Record<string, string>) => parseConfig({ ...base, ...env }).browserPusher;

function directive(policy: string, name: string): string[] {
  const found = policy.split('; ').find((part) => part.startsWith(`${name} `));
  return found ? found.split(' ').slice(1) : [];
}

describe('realtimeConnectSources follows the realtime configuration', () => {
  it('embedded: the embedded server’s host and port, ws with the wss fallback pusher-js tries', () => {
    expect(realtimeConnectSources(browserPusher({ REALTIME_PORT: '6123' }))).toEqual(['ws://127.0.0.1:6123', 'wss://127.0.0.1:6123']);
  });

  it('self-hosted: PUSHER_HOST and PUSHER_PORT, wss only with TLS', () => {
    expect(realtimeConnectSources(browserPusher({ PUSHER_HOST: 'ws.example.test', PUSHER_PORT: '6002', PUSHER_TLS: 'true' }))).toEqual([
      'wss://ws.example.test:6002',
    ]);
    expect(realtimeConnectSources(browserPusher({ PUSHER_HOST: 'soketi.internal', PUSHER_PORT: '6001', NEXT_PUBLIC_PUSHER_HOST: 'rt.example.test', NEXT_PUBLIC_PUSHER_PORT: '443', NEXT_PUBLIC_PUSHER_TLS: 'true' }))).toEqual([
      'wss://rt.example.test:443',
    ]);
  });

  it('hosted Pusher: the cluster’s WebSocket host', () => {
    expect(realtimeConnectSources(browserPusher({ PUSHER_CLUSTER: 'eu' }))).toEqual(['wss://ws-eu.pusher.com']);
  });
});

describe('contentSecurityPolicy', () => {
  const policy = contentSecurityPolicy({ nonce: 'abc123', realtime: browserPusher({}), dev: false, githubSignIn: false });

  it('runs only nonce’d scripts, and no eval outside dev', () => {
    expect(directive(policy, 'script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(directive(contentSecurityPolicy({ nonce: 'n', realtime: browserPusher({}), dev: true, githubSignIn: false }), 'script-src')).toContain("'unsafe-eval'");
  });

  it('connects only to its own origin and the realtime server, and cannot be framed', () => {
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'ws://127.0.0.1:6001', 'wss://127.0.0.1:6001']);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'form-action')).toEqual(["'self'"]);
  });

  it('allows no inline styles outside dev: stylesheets of our own, <style> only with the nonce', () => {
    expect(directive(policy, 'style-src')).toEqual(["'self'", "'nonce-abc123'"]);
    expect(directive(contentSecurityPolicy({ nonce: 'n', realtime: browserPusher({}), dev: true, githubSignIn: false }), 'style-src')).toContain("'unsafe-inline'");
  });

  it('lets a sign-in form go on to GitHub only when GitHub sign-in is configured', () => {
    const withGithub = contentSecurityPolicy({ nonce: 'n', realtime: browserPusher({}), dev: false, githubSignIn: true });
    expect(directive(withGithub, 'form-action')).toEqual(["'self'", 'https://github.com']);
  });
});
