import { describe, expect, it } from 'vitest';
import { createRoomRequestSchema, slugFromName } from './schemas';

describe('room names', () => {
  it('become slugs of lower-case letters, digits and dashes', () => {
    expect(slugFromName('  Design Team!  ')).toBe('design-team');
    expect(slugFromName('Café Crème')).toBe('cafe-creme');
    expect(slugFromName('x'.repeat(100))).toHaveLength(64);
  });

  it('must contain something a slug can use', () => {
    expect(createRoomRequestSchema.safeParse({ name: '!!!', kind: 'hobby' }).success).toBe(false);
    expect(createRoomRequestSchema.parse({ name: ' Book club ', kind: 'business' })).toEqual({ name: 'Book club', kind: 'business', description: '' });
  });
});
