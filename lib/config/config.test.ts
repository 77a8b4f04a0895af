import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureLocalEnvFile } from './env-file';
import { ConfigError, parseConfig } from './index';

const base = {
  AUTH_SECRET: 'x'.repeat(32),
  PUSHER_APP_ID: '123',
  PUSHER_APP_KEY: 'key',
  PUSHER_APP_SECRET: 'secret',
};

describe('parseConfig', () => {
  it('defaults to the embedded realtime server on loopback', () => {
    const config = parseConfig(base);
    expect(config.realtime).toEqual({ mode: 'embedded', host: '127.0.0.1', port: 6001, maxPresenceMembers: 1_000 });
    expect(config.pusher).toMatchObject({ host: '127.0.0.1', port: '6001', useTLS: false });
    expect(config.browserPusher).toEqual({ key: 'key', cluster: 'mt1', wsHost: '127.0.0.1', wsPort: 6001, forceTLS: false });
  });

  it('uses hosted Pusher when a cluster is set', () => {
    const config = parseConfig({ ...base, PUSHER_CLUSTER: 'eu' });
    expect(config.realtime.mode).toBe('external');
    expect(config.pusher).toMatchObject({ cluster: 'eu', useTLS: true });
    expect(config.browserPusher).toEqual({ key: 'key', cluster: 'eu', forceTLS: true });
  });

  it('uses a self-hosted server (soketi, sockudo) when a host is set', () => {
    const config = parseConfig({ ...base, PUSHER_HOST: 'ws.example.test', PUSHER_PORT: '6002', PUSHER_TLS: 'true' });
    expect(config.realtime.mode).toBe('external');
    expect(config.pusher).toMatchObject({ host: 'ws.example.test', port: '6002', useTLS: true });
    expect(config.browserPusher).toMatchObject({ wsHost: 'ws.example.test', wsPort: 6002, forceTLS: true });
  });

  it('lets NEXT_PUBLIC_ values override what the browser uses', () => {
    const config = parseConfig({ ...base, PUSHER_HOST: 'internal', NEXT_PUBLIC_PUSHER_HOST: 'public.example.test', NEXT_PUBLIC_PUSHER_PORT: '443', NEXT_PUBLIC_PUSHER_TLS: 'true' });
    expect(config.browserPusher).toMatchObject({ wsHost: 'public.example.test', wsPort: 443, forceTLS: true });
  });

  it('names every missing or invalid variable', () => {
    expect(() => parseConfig({})).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, AUTH_SECRET: 'short', REALTIME_PORT: 'nope' })).toThrow(
      /AUTH_SECRET[\s\S]*REALTIME_PORT/,
    );
  });

  it('gives the embedded server rooms of 1,000 (the README\'s big rooms), or the cap the operator sets', () => {
    expect(parseConfig({ ...base, REALTIME_MAX_PRESENCE_MEMBERS: '' }).realtime.maxPresenceMembers).toBe(1_000);
    expect(parseConfig({ ...base, REALTIME_MAX_PRESENCE_MEMBERS: '250' }).realtime.maxPresenceMembers).toBe(250);
    for (const bad of ['0', '-5', '12.5', 'lots']) {
      expect(() => parseConfig({ ...base, REALTIME_MAX_PRESENCE_MEMBERS: bad })).toThrow(/REALTIME_MAX_PRESENCE_MEMBERS/);
    }
  });

  it('refuses a cluster and a host together', () => {
    expect(() => parseConfig({ ...base, PUSHER_CLUSTER: 'eu', PUSHER_HOST: 'x' })).toThrow(/not both/);
  });

  it('refuses a non-PostgreSQL DATABASE_URL', () => {
    expect(() => parseConfig({ ...base, DATABASE_URL: 'mysql://localhost/db' })).toThrow(ConfigError);
    expect(parseConfig({ ...base, DATABASE_URL: 'postgres://u:p@localhost:5432/db' }).database.url).toContain('postgres://');
  });
});

describe('ensureLocalEnvFile', () => {
  it('writes fresh secrets once and never overwrites', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'presently-env-'));
    const created = ensureLocalEnvFile(directory, {});
    expect(created).toBe(path.join(directory, '.env.local'));
    const first = readFileSync(created!, 'utf8');
    const values = Object.fromEntries(first.split('\n').filter((line) => line.includes('=')).map((line) => line.split('=', 2) as [string, string]));
    expect(() => parseConfig(values)).not.toThrow();
    expect(ensureLocalEnvFile(directory, {})).toBeUndefined();
    expect(readFileSync(created!, 'utf8')).toBe(first);
  });

  it('draws different secrets each time', () => {
    const a = mkdtempSync(path.join(tmpdir(), 'presently-env-'));
    const b = mkdtempSync(path.join(tmpdir(), 'presently-env-'));
    expect(readFileSync(ensureLocalEnvFile(a, {})!, 'utf8')).not.toBe(readFileSync(ensureLocalEnvFile(b, {})!, 'utf8'));
  });

  it('writes nothing when the environment already carries the secrets', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'presently-env-'));
    writeFileSync(path.join(directory, 'marker'), '');
    expect(ensureLocalEnvFile(directory, { AUTH_SECRET: 'a', PUSHER_APP_SECRET: 'b' })).toBeUndefined();
  });
});
