/** Server events on a room's channel (triggered by the app), and the client event tabs send while typing. */
export const MESSAGE_EVENT = 'message';
export const MESSAGE_DELETED_EVENT = 'message-deleted';
export const TYPING_CLIENT_EVENT = 'client-typing';

/** A message as the API returns it and as the `message` event carries it. */
export type ChatMessage = {
  id: string;
  clientId: string;
  body: string;
  /** ISO 8601 with milliseconds. */
  createdAt: string;
  author: { id: string; name: string; color: string };
};

export type MessageDeletedPayload = { id: string };

/** A page of history, newest last; `nextCursor` fetches the page before it, null when there is none. */
export type MessagePage = { messages: ChatMessage[]; nextCursor: string | null };
