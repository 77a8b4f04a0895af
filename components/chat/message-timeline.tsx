'use client';

import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { entryKey, type TimelineEntry } from '@/lib/chat/timeline';

/** Within this many pixels of the end counts as "at the bottom" (sub-pixel rounding, a last line half in view). */
const PINNED_THRESHOLD_PX = 48;
/** Older messages start loading when the view is scrolled this close to the top. */
const LOAD_OLDER_THRESHOLD_PX = 120;

export type MessageTimelineProps = {
  entries: TimelineEntry[];
  myId: string;
  hasOlder: boolean;
  loadingOlder: boolean;
  olderError: string | null;
  onLoadOlder: () => void;
  renderEntry: (entry: TimelineEntry) => ReactNode;
};

function distanceFromBottom(element: HTMLElement): number {
  return element.scrollHeight - element.scrollTop - element.clientHeight;
}

/**
 * The scrolling list of messages. While you are at the bottom it stays pinned to the newest message; scrolled
 * up, new messages leave your place alone and a "New messages" pill appears instead. Loading older messages
 * keeps what you were reading where it was.
 */
export function MessageTimeline({ entries, myId, hasOlder, loadingOlder, olderError, onLoadOlder, renderEntry }: MessageTimelineProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const pinnedRef = useRef(true);
  const previous = useRef<{ first: string | null; last: string | null; scrollHeight: number; scrollTop: number } | null>(null);
  const [unseen, setUnseen] = useState(false);

  const first = entries[0];
  const last = entries.at(-1);
  const firstKey = first ? entryKey(first) : null;
  const lastKey = last ? entryKey(last) : null;
  const lastIsMine = last?.author.id === myId;

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const before = previous.current;
    if (!before) {
      scroller.scrollTop = scroller.scrollHeight;
    } else if (before.first !== firstKey && before.last === lastKey) {
      // Older messages arrived above: keep the same message under the reader's eyes.
      scroller.scrollTop = before.scrollTop + (scroller.scrollHeight - before.scrollHeight);
    } else if (before.last !== lastKey) {
      if (pinnedRef.current || lastIsMine) {
        scroller.scrollTop = scroller.scrollHeight;
        pinnedRef.current = true;
        setUnseen(false);
      } else {
        setUnseen(true);
      }
    } else if (pinnedRef.current) {
      scroller.scrollTop = scroller.scrollHeight;
    }
    previous.current = { first: firstKey, last: lastKey, scrollHeight: scroller.scrollHeight, scrollTop: scroller.scrollTop };
  }, [firstKey, lastKey, lastIsMine, entries.length]);

  const onScroll = () => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    pinnedRef.current = distanceFromBottom(scroller) <= PINNED_THRESHOLD_PX;
    if (pinnedRef.current) setUnseen(false);
    if (previous.current) previous.current = { ...previous.current, scrollTop: scroller.scrollTop, scrollHeight: scroller.scrollHeight };
    if (hasOlder && !loadingOlder && scroller.scrollTop <= LOAD_OLDER_THRESHOLD_PX) onLoadOlder();
  };

  const jumpToNewest = () => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    scroller.scrollTo({ top: scroller.scrollHeight });
    pinnedRef.current = true;
    setUnseen(false);
  };

  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scrollerRef} onScroll={onScroll} data-testid="message-scroller" className="h-full overflow-y-auto overscroll-contain px-2 py-3">
        <div className="flex min-h-8 items-center justify-center pb-2 text-xs text-zinc-500 dark:text-zinc-400">
          {hasOlder ? (
            <button
              type="button"
              onClick={onLoadOlder}
              disabled={loadingOlder}
              className="rounded-full px-3 py-1 ring-1 ring-zinc-200 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-60 dark:ring-zinc-700 dark:hover:bg-zinc-800"
            >
              {loadingOlder ? 'Loading older messages…' : 'Load older messages'}
            </button>
          ) : (
            <span>{entries.length === 0 ? 'No messages yet. Say hello!' : 'This is the beginning of the room.'}</span>
          )}
        </div>
        {olderError && (
          <p role="alert" className="pb-2 text-center text-xs text-red-700 dark:text-red-300">
            {olderError}
          </p>
        )}
        <div role="log" aria-label="Messages" aria-relevant="additions">
          <ol className="flex flex-col gap-0.5">{entries.map((entry) => renderEntry(entry))}</ol>
        </div>
      </div>
      {unseen && (
        <button
          type="button"
          onClick={jumpToNewest}
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full bg-indigo-600 px-4 py-1.5 text-sm font-semibold text-white shadow-lg hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        >
          New messages ↓
        </button>
      )}
    </div>
  );
}
