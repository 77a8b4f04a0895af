'use client';

import { useState } from 'react';
import { Avatar } from '@/components/presence/avatar';
import type { TimelineEntry } from '@/lib/chat/timeline';
import { RelativeTime } from './relative-time';

export type MessageRowProps = {
  entry: TimelineEntry;
  now: number;
  mine: boolean;
  canDelete: boolean;
  onDelete: (id: string) => Promise<void>;
  onRetry: (clientId: string) => void;
};

/** One message. Its text is rendered as text, line breaks kept; deleting asks once more before it happens. */
export function MessageRow({ entry, now, mine, canDelete, onDelete, onRetry }: MessageRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const id = entry.id;

  const confirmDelete = () => {
    if (!id) return;
    setDeleteError(null);
    onDelete(id).catch((error: unknown) => {
      setConfirming(false);
      setDeleteError(error instanceof Error ? error.message : 'Could not delete the message.');
    });
  };

  return (
    <li
      data-testid="message"
      data-state={entry.state}
      aria-label={`${entry.author.name}${mine ? ' (you)' : ''}`}
      className={`group flex gap-3 rounded-lg px-2 py-1.5 hover:bg-zinc-50 dark:hover:bg-zinc-900/60 ${entry.state === 'pending' ? 'opacity-60' : ''}`}
    >
      <Avatar name={entry.author.name} color={entry.author.color} size="sm" />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2">
          <span className="truncate text-sm font-semibold text-zinc-900 dark:text-zinc-100">{entry.author.name}</span>
          <RelativeTime iso={entry.createdAt} now={now} className="text-xs text-zinc-500 dark:text-zinc-400" />
          {entry.state === 'pending' && <span className="text-xs text-zinc-500 dark:text-zinc-400">Sending…</span>}
        </div>
        <p data-testid="message-body" className="text-sm break-words whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">
          {entry.body}
        </p>
        {entry.state === 'failed' && (
          <p role="alert" className="mt-1 flex flex-wrap items-center gap-2 text-xs text-red-700 dark:text-red-300">
            <span>Not sent: {entry.error}</span>
            <button
              type="button"
              onClick={() => onRetry(entry.clientId)}
              className="rounded font-semibold underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
            >
              Retry
            </button>
          </p>
        )}
        {deleteError && (
          <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
            {deleteError}
          </p>
        )}
      </div>
      {canDelete && id && (
        <div className="flex shrink-0 items-start gap-1 text-xs">
          {confirming ? (
            <>
              <button type="button" onClick={confirmDelete} className="rounded px-2 py-1 font-semibold text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-500 dark:text-red-300 dark:hover:bg-red-500/10">
                Confirm delete
              </button>
              <button type="button" onClick={() => setConfirming(false)} className="rounded px-2 py-1 text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-300 dark:hover:bg-zinc-800">
                Cancel
              </button>
            </>
          ) : (
            <button
              type="button"
              aria-label="Delete message"
              onClick={() => setConfirming(true)}
              className="rounded px-2 py-1 text-zinc-500 opacity-100 hover:bg-zinc-100 hover:text-red-700 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-500 sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-red-300"
            >
              Delete
            </button>
          )}
        </div>
      )}
    </li>
  );
}
