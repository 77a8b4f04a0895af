import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('message cursors', () => {
  it('round-trip a timestamp with milliseconds and an id', () => {
    const cursor = { createdAt: new Date('2025-01-02T03:04:05.678Z'), id: '0b9f6c1e-2f55-4a8e-9d1c-3e4f5a6b7c8d' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('refuse anything else', () => {
    const bad = (text: string) => Buffer.from(text).toString('base64url');
    expect(decodeCursor('not base64!')).toBeNull();
    expect(decodeCursor(bad('2025-01-02T03:04:05.678Z_not-a-uuid'))).toBeNull();
    expect(decodeCursor(bad("2025-13-02T03:04:05.678Z_0b9f6c1e-2f55-4a8e-9d1c-3e4f5a6b7c8d"))).toBeNull();
    expect(decodeCursor(bad('x'.repeat(200)))).toBeNull();
  });
});
