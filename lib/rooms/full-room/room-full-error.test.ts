import { describe, expect, it } from 'vitest';
import { isRoomFullError } from './room-full-error';

describe('which subscription refusals mean "the room is full"', () => {
  it('takes LimitReached for a full room, whatever status the server gives it', () => {
    expect(isRoomFullError({ type: 'LimitReached', status: 403 })).toBe(true);
    expect(isRoomFullError({ type: 'LimitReached', status: 4100 })).toBe(true);
    expect(isRoomFullError({ type: 'LimitReached' })).toBe(true);
  });

  it('leaves every other refusal to the usual handling', () => {
    expect(isRoomFullError({ type: 'LimitReached', status: 400 })).toBe(false);
    expect(isRoomFullError({ type: 'LimitReached', status: 4301 })).toBe(false);
    expect(isRoomFullError({ type: 'AuthError', status: 403 })).toBe(false);
    expect(isRoomFullError({ type: 'ClusterUnavailable', status: 503 })).toBe(false);
    expect(isRoomFullError(undefined)).toBe(false);
  });
});
