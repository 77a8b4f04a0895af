import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath, signInUrlFor } from './callback-url';

describe('safeCallbackPath', () => {
  it.each(['/rooms', '/rooms/gaming', '/rooms/acme-hq?tab=members#top', '/'])('keeps the same-site path %s', (path) => {
    expect(safeCallbackPath(path)).toBe(path);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'rooms',
    '/rooms\n/x',
    '/sign-in',
    '/sign-up?callbackUrl=/rooms',
    `/${'a'.repeat(3_000)}`,
    '',
    null,
    undefined,
  ])('refuses %j', (value) => {
    expect(safeCallbackPath(value)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it('builds sign-in links that come back', () => {
    expect(signInUrlFor('/rooms/gaming')).toBe('/sign-in?callbackUrl=%2Frooms%2Fgaming');
    expect(signInUrlFor('/rooms')).toBe('/sign-in');
    expect(signInUrlFor('//evil')).toBe('/sign-in');
  });
});
