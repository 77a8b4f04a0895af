'use client';

import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { EMPTY_MESSAGE, MESSAGE_BODY_MAX_LENGTH, TOO_LONG_MESSAGE } from '@/lib/chat/limits';

/** Why a draft cannot be sent, in words, or null when it can. Mirrors the server's own check. */
export function draftProblem(draft: string): string | null {
  const text = draft.trim();
  if (text.length === 0) return EMPTY_MESSAGE;
  if (text.length > MESSAGE_BODY_MAX_LENGTH) {
    return `${TOO_LONG_MESSAGE} This one has ${text.length.toLocaleString('en-US')}.`;
  }
  return null;
}

/**
 * Where a message is written. Enter sends, Shift+Enter starts a new line (and Enter while an input method is
 * composing does neither). Over-long or empty drafts are refused here with a clear message, not truncated.
 */
export function Composer({ roomName, onSend, onTyping }: { roomName: string; onSend: (body: string) => void; onTyping: () => void }) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const counterId = useId();
  const errorId = useId();
  const length = draft.trim().length;
  const over = length > MESSAGE_BODY_MAX_LENGTH;

  const submit = () => {
    const refused = draftProblem(draft);
    setProblem(refused);
    if (refused) return;
    onSend(draft.trim());
    setDraft('');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form onSubmit={onSubmit} aria-label="Send a message" className="border-t border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex items-end gap-2">
        <textarea
          aria-label="Message"
          aria-describedby={`${counterId}${problem ? ` ${errorId}` : ''}`}
          aria-invalid={problem ? true : undefined}
          value={draft}
          rows={2}
          placeholder={`Message ${roomName}`}
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(null);
            if (event.target.value.trim()) onTyping();
          }}
          onKeyDown={onKeyDown}
          className="max-h-40 min-h-11 flex-1 resize-y rounded-xl bg-white px-3 py-2 text-sm text-zinc-900 ring-1 ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-indigo-500 focus:outline-none dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 dark:placeholder:text-zinc-500"
        />
        <button
          type="submit"
          className="h-11 rounded-xl bg-indigo-600 px-4 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        >
          Send
        </button>
      </div>
      <div className="mt-1 flex items-start justify-between gap-3 text-xs">
        <p id={errorId} role="alert" className="text-red-700 dark:text-red-300">
          {problem}
        </p>
        <p id={counterId} className={`shrink-0 tabular-nums ${over ? 'font-semibold text-red-700 dark:text-red-300' : 'text-zinc-500 dark:text-zinc-400'}`}>
          <span className="sr-only">Characters used: </span>
          {length.toLocaleString('en-US')}/{MESSAGE_BODY_MAX_LENGTH.toLocaleString('en-US')}
        </p>
      </div>
    </form>
  );
}
