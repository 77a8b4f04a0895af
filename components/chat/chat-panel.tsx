'use client';

import type { MessagePage } from '@/lib/chat/events';
import { useCanModerate } from '@/lib/chat/moderation';
import { entryKey } from '@/lib/chat/timeline';
import { timelineEntries } from '@/lib/chat/timeline';
import { useChat, type ChatAuthor } from '@/lib/chat/use-chat';
import { useMemo } from 'react';
import { useNow } from '@/lib/chat/use-now';
import { useTyping } from '@/lib/chat/use-typing';
import { memberFeed } from '@/lib/presence/feed/member-feed';
import { useRoomFeed } from '@/lib/presence/feed/room-feed-context';
import { Composer } from './composer';
import { MessageRow } from './message-row';
import { MessageTimeline } from './message-timeline';
import { TypingIndicator } from './typing-indicator';

/** Relative times ("2 min ago") are refreshed this often. */
const CLOCK_TICK_MS = 30_000;

export type ChatPanelProps = {
  slug: string;
  roomName: string;
  channelName: string;
  me: ChatAuthor;
  /** The newest page of history, rendered by the server. */
  initialPage: MessagePage;
};

/**
 * A room's chat: timeline, who is typing, and the composer. Must sit inside the tab's RealtimeProvider (the (app)
 * layout); who may delete others' messages comes from the room's ModerationProvider (the live roster), not from
 * page load.
 */
export function ChatPanel({ slug, roomName, channelName, me, initialPage }: ChatPanelProps) {
  const canModerate = useCanModerate();
  const feed = useRoomFeed(useMemo(() => memberFeed(channelName), [channelName]));
  const chat = useChat({ slug, channelName: feed.channelName, me, initialPage });
  const { typists, notifyTyping } = useTyping(feed, me.id);
  const now = useNow(CLOCK_TICK_MS);

  return (
    <section
      aria-label="Chat"
      className="flex h-[65dvh] min-h-96 flex-col overflow-hidden rounded-2xl bg-white ring-1 ring-zinc-200 dark:bg-zinc-950 dark:ring-zinc-800"
    >
      <MessageTimeline
        entries={timelineEntries(chat.timeline)}
        myId={me.id}
        hasOlder={chat.timeline.olderCursor !== null}
        loadingOlder={chat.loadingOlder}
        olderError={chat.olderError}
        onLoadOlder={chat.loadOlder}
        renderEntry={(entry) => (
          <MessageRow
            key={entryKey(entry)}
            entry={entry}
            now={now}
            mine={entry.author.id === me.id}
            canDelete={entry.author.id === me.id || canModerate}
            onDelete={chat.remove}
            onRetry={chat.retry}
          />
        )}
      />
      <TypingIndicator names={typists} />
      <Composer roomName={roomName} onSend={chat.send} onTyping={notifyTyping} />
    </section>
  );
}
