import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '@/lib/http/errors';
import { requireRoomRole } from './room-role';

const hobby = { kind: 'hobby' } as const;
const business = { kind: 'business' } as const;

describe('requireRoomRole: a business room needs a role', () => {
  it('lets anyone use a hobby room, with no role even if a stale membership row has one', () => {
    expect(requireRoomRole(hobby, null).role).toBeNull();
    expect(requireRoomRole(hobby, 'admin').role).toBeNull();
  });

  it('lets a business room be used with its role, and refuses 403 without one', () => {
    expect(requireRoomRole(business, 'member')).toEqual({ room: business, role: 'member' });
    expect(requireRoomRole(business, 'admin').role).toBe('admin');
    expect(() => requireRoomRole(business, null)).toThrow(ForbiddenError);
    expect(() => requireRoomRole(business, undefined)).toThrow(ForbiddenError);
  });

  it('answers 404 for no room, and for a room of another kind than the channel names', () => {
    expect(() => requireRoomRole(null, 'admin')).toThrow(NotFoundError);
    expect(() => requireRoomRole(business, 'admin', 'hobby')).toThrow(NotFoundError);
    expect(() => requireRoomRole(hobby, null, 'business')).toThrow(NotFoundError);
    expect(requireRoomRole(business, 'member', 'business').role).toBe('member');
  });
});
