import { describe, expect, it } from 'vitest';
import { resolveClientAddress, UNKNOWN_CLIENT_ADDRESS } from './client-address';

describe('resolveClientAddress', () => {
  it('with no trusted proxy uses the socket and ignores X-Forwarded-For', () => {
    expect(resolveClientAddress('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7');
    expect(resolveClientAddress('203.0.113.7', undefined, 0)).toBe('203.0.113.7');
  });

  it('behind one proxy takes the entry that proxy appended, never the ones the client wrote before it', () => {
    // The client forged "1.2.3.4"; HAProxy appended the address it saw (203.0.113.7) and connected from 10.0.0.2.
    expect(resolveClientAddress('10.0.0.2', '1.2.3.4, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(resolveClientAddress('10.0.0.2', ['1.2.3.4', '203.0.113.7'], 1)).toBe('203.0.113.7');
  });

  it('walks as many hops as are trusted', () => {
    expect(resolveClientAddress('10.0.0.3', '1.2.3.4, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
  });

  it('stops at the last good address when a trusted entry is missing or not an address', () => {
    expect(resolveClientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', 'not-an-ip', 1)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.3', 'nonsense, 10.0.0.2', 2)).toBe('10.0.0.2');
  });

  it('counts IPv4-mapped IPv6 peers as their IPv4 address', () => {
    expect(resolveClientAddress('::ffff:127.0.0.1', undefined, 0)).toBe('127.0.0.1');
    expect(resolveClientAddress('::1', undefined, 0)).toBe('::1');
  });

  it('without a socket address says so', () => {
    expect(resolveClientAddress(undefined, '1.2.3.4', 1)).toBe(UNKNOWN_CLIENT_ADDRESS);
  });
});
