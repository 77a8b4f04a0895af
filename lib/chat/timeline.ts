import type { ChatMessage, MessagePage } from './events';

/**
 * The message timeline as one tab sees it: confirmed messages in server order (created_at, id), then this
 * tab's own messages still sending or failed, in the order they were written. Messages are known by id and,
 * for the sender's own, by client id, so a live event, a send response and a history page that overlap
 * never produce a duplicate; a deleted id stays remembered so a late page or event cannot bring it back.
 */
export type SendState = 'pending' | 'failed';

export type ConfirmedEntry = ChatMessage & { state: 'sent' };
export type LocalEntry = Omit<ChatMessage, 'id'> & { id: null; state: SendState; error: string | null };
export type TimelineEntry = ConfirmedEntry | LocalEntry;

export type TimelineState = {
  confirmed: ConfirmedEntry[];
  local: LocalEntry[];
  /** Cursor for the page before the oldest loaded message; null once the beginning is reached. */
  olderCursor: string | null;
  deletedIds: ReadonlySet<string>;
};

export type TimelineAction =
  | { type: 'received'; messages: ChatMessage[] }
  | { type: 'older_loaded'; page: MessagePage }
  | { type: 'sending'; message: Omit<ChatMessage, 'id'> }
  | { type: 'send_failed'; clientId: string; error: string }
  | { type: 'retrying'; clientId: string }
  | { type: 'deleted'; id: string };

export function initialTimeline(page: MessagePage): TimelineState {
  return timelineReducer(
    { confirmed: [], local: [], olderCursor: page.nextCursor, deletedIds: new Set() },
    { type: 'received', messages: page.messages },
  );
}

/** Server order: created_at, then id (both compare correctly as strings: ISO 8601 UTC and lower-case uuids). */
function compareMessages(a: ChatMessage, b: ChatMessage): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function merge(state: TimelineState, incoming: ChatMessage[]): TimelineState {
  const fresh = incoming.filter((message) => !state.deletedIds.has(message.id));
  if (fresh.length === 0) return state;
  const byId = new Map(state.confirmed.map((entry) => [entry.id, entry]));
  for (const message of fresh) byId.set(message.id, { ...message, state: 'sent' });
  const confirmedClientIds = new Set(fresh.map((message) => message.clientId));
  return {
    ...state,
    confirmed: [...byId.values()].sort(compareMessages),
    local: state.local.filter((entry) => !confirmedClientIds.has(entry.clientId)),
  };
}

function updateLocal(state: TimelineState, clientId: string, change: Partial<LocalEntry>): TimelineState {
  return { ...state, local: state.local.map((entry) => (entry.clientId === clientId ? { ...entry, ...change } : entry)) };
}

export function timelineReducer(state: TimelineState, action: TimelineAction): TimelineState {
  switch (action.type) {
    case 'received':
      return merge(state, action.messages);
    case 'older_loaded':
      return { ...merge(state, action.page.messages), olderCursor: action.page.nextCursor };
    case 'sending':
      if (state.local.some((entry) => entry.clientId === action.message.clientId)) return state;
      return { ...state, local: [...state.local, { ...action.message, id: null, state: 'pending', error: null }] };
    case 'send_failed':
      return updateLocal(state, action.clientId, { state: 'failed', error: action.error });
    case 'retrying':
      return updateLocal(state, action.clientId, { state: 'pending', error: null });
    case 'deleted': {
      const deletedIds = new Set(state.deletedIds).add(action.id);
      return { ...state, deletedIds, confirmed: state.confirmed.filter((entry) => entry.id !== action.id) };
    }
  }
}

/** Everything to show, oldest first. */
export function timelineEntries(state: TimelineState): TimelineEntry[] {
  return [...state.confirmed, ...state.local];
}

/** A stable React key: the client id, so a row keeps its identity from pending to confirmed. */
export function entryKey(entry: TimelineEntry): string {
  return entry.clientId;
}
