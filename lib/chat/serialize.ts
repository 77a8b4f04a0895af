import type { MessageWithAuthor } from '@/lib/db/queries/messages';
import { encodeCursor } from './cursor';
import type { ChatMessage, MessagePage } from './events';

export function toChatMessage(message: MessageWithAuthor): ChatMessage {
  return {
    id: message.id,
    clientId: message.clientId,
    body: message.body,
    createdAt: message.createdAt.toISOString(),
    author: message.author,
  };
}

/** A history page as the API and the room page hand it to the browser. */
export function toMessagePage({ messages, hasMore }: { messages: MessageWithAuthor[]; hasMore: boolean }): MessagePage {
  const oldest = messages[0];
  return {
    messages: messages.map(toChatMessage),
    nextCursor: hasMore && oldest ? encodeCursor({ createdAt: oldest.createdAt, id: oldest.id }) : null,
  };
}
