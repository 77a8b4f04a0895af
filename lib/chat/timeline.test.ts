import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './events';
import { initialTimeline, timelineEntries, timelineReducer, type TimelineState } from './timeline';

const author = { id: 'u1', name: 'Ann', color: '#112233' };
let counter = 0;
function message(createdAt: string, overrides: Partial<ChatMessage> = {}): ChatMessage {
  counter += 1;
  const hex = counter.toString(16).padStart(12, '0');
  return { id: `00000000-0000-4000-8000-${hex}`, clientId: `10000000-0000-4000-8000-${hex}`, body: `m${counter}`, createdAt, author, ...overrides };
}

const bodies = (state: TimelineState) => timelineEntries(state).map((entry) => entry.body);

describe('timeline', () => {
  it('merges live events and overlapping history pages without duplicates, in server order', () => {
    const a = message('2025-01-01T00:00:01.000Z');
    const b = message('2025-01-01T00:00:02.000Z');
    const c = message('2025-01-01T00:00:03.000Z');
    const d = message('2025-01-01T00:00:04.000Z');
    let state = initialTimeline({ messages: [c, d], nextCursor: 'cursor-1' });
    state = timelineReducer(state, { type: 'received', messages: [d] });
    state = timelineReducer(state, { type: 'older_loaded', page: { messages: [a, b, c], nextCursor: null } });
    expect(bodies(state)).toEqual([a.body, b.body, c.body, d.body]);
    expect(state.olderCursor).toBeNull();
  });

  it('orders messages of the same millisecond by id, whichever arrives first', () => {
    const first = message('2025-01-01T00:00:05.000Z', { id: '00000000-0000-4000-8000-00000000000a' });
    const second = message('2025-01-01T00:00:05.000Z', { id: '00000000-0000-4000-8000-00000000000b' });
    const state = timelineReducer(initialTimeline({ messages: [second], nextCursor: null }), { type: 'received', messages: [first] });
    expect(bodies(state)).toEqual([first.body, second.body]);
  });

  it('takes one own message from pending to failed to pending to confirmed, keeping its place at the end until then', () => {
    const older = message('2025-01-01T00:00:01.000Z');
    const mine = message('2025-01-01T00:00:09.000Z');
    const { id: _id, ...unsent } = mine;
    let state = initialTimeline({ messages: [older], nextCursor: null });
    state = timelineReducer(state, { type: 'sending', message: unsent });
    expect(timelineEntries(state).map((entry) => entry.state)).toEqual(['sent', 'pending']);
    state = timelineReducer(state, { type: 'send_failed', clientId: mine.clientId, error: 'offline' });
    expect(timelineEntries(state)[1]).toMatchObject({ state: 'failed', error: 'offline' });
    state = timelineReducer(state, { type: 'retrying', clientId: mine.clientId });
    state = timelineReducer(state, { type: 'received', messages: [mine] });
    state = timelineReducer(state, { type: 'received', messages: [mine] });
    expect(timelineEntries(state).map((entry) => [entry.body, entry.state])).toEqual([
      [older.body, 'sent'],
      [mine.body, 'sent'],
    ]);
  });

  it('keeps a deleted message out even when a late page or event carries it', () => {
    const a = message('2025-01-01T00:00:01.000Z');
    const b = message('2025-01-01T00:00:02.000Z');
    let state = initialTimeline({ messages: [a, b], nextCursor: null });
    state = timelineReducer(state, { type: 'deleted', id: a.id });
    state = timelineReducer(state, { type: 'received', messages: [a] });
    state = timelineReducer(state, { type: 'older_loaded', page: { messages: [a], nextCursor: null } });
    expect(bodies(state)).toEqual([b.body]);
  });
});
