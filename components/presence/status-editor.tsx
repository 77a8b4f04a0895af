'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { STATUS_MAX_LENGTH } from '@/lib/db/limits';
import { saveMyStatus } from '@/lib/presence/status/status-api';
import type { StatusStamp } from '@/lib/presence/status/status-order';

type Mode = { kind: 'viewing' } | { kind: 'editing'; draft: string } | { kind: 'saving'; draft: string };

/**
 * Your own status, edited in place: click or Enter to edit; Enter or leaving the field saves; Escape
 * cancels; an empty status clears it. The saved status comes back stamped by the server.
 */
export function StatusEditor({ status, onSaved }: { status: string; onSaved: (stamp: StatusStamp) => void }) {
  const [mode, setMode] = useState<Mode>({ kind: 'viewing' });
  const [error, setError] = useState<string | null>(null);
  const viewButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const counterId = useId();
  const errorId = useId();

  const startEditing = () => {
    setError(null);
    setMode({ kind: 'editing', draft: status });
  };

  const finish = (returnFocus: boolean) => {
    refocus.current = returnFocus;
    setMode({ kind: 'viewing' });
  };

  // Keyboard users land back on the status they just edited, as soon as the button is in the DOM again.
  useEffect(() => {
    if (mode.kind !== 'viewing' || !refocus.current) return;
    refocus.current = false;
    viewButton.current?.focus();
  }, [mode]);

  const save = async (draft: string, returnFocus: boolean) => {
    const next = draft.trim();
    if (next === status) return finish(returnFocus);
    setMode({ kind: 'saving', draft });
    try {
      onSaved(await saveMyStatus(next));
      setError(null);
      finish(returnFocus);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not save your status.');
      setMode({ kind: 'editing', draft });
    }
  };

  if (mode.kind === 'viewing') {
    return (
      <div>
        <button
          ref={viewButton}
          type="button"
          onClick={startEditing}
          aria-label={status ? `Your status: ${status}. Edit` : 'Set your status'}
          className="group flex w-full items-center gap-2 rounded-lg px-2 py-1.5 text-left text-sm ring-1 ring-transparent transition hover:bg-zinc-100 hover:ring-zinc-200 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none dark:hover:bg-zinc-800 dark:hover:ring-zinc-700 dark:focus-visible:ring-indigo-400"
        >
          <span className={`min-w-0 flex-1 break-words ${status ? '' : 'text-zinc-500 italic dark:text-zinc-400'}`}>{status || 'Set a status…'}</span>
          <PencilIcon />
        </button>
        {error && <ErrorText id={errorId} message={error} />}
      </div>
    );
  }

  const saving = mode.kind === 'saving';
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save(mode.draft, true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setError(null);
      finish(true);
    }
  };

  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          autoFocus
          type="text"
          aria-label="Your status"
          aria-describedby={error ? `${counterId} ${errorId}` : counterId}
          aria-invalid={error ? true : undefined}
          maxLength={STATUS_MAX_LENGTH}
          value={mode.draft}
          readOnly={saving}
          placeholder="What are you up to?"
          onChange={(event) => setMode({ kind: 'editing', draft: event.target.value })}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (mode.kind === 'editing') void save(mode.draft, false);
          }}
          className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm shadow-sm outline-none placeholder:text-zinc-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900 dark:placeholder:text-zinc-500 dark:focus:border-indigo-400"
        />
        <span id={counterId} className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          <span className="sr-only">Characters used: </span>
          {mode.draft.length}/{STATUS_MAX_LENGTH}
        </span>
      </div>
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        {saving ? 'Saving…' : 'Enter to save · Esc to cancel · empty clears it'}
      </p>
      {error && <ErrorText id={errorId} message={error} />}
    </div>
  );
}

function ErrorText({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
      {message}
    </p>
  );
}

function PencilIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-zinc-400 opacity-60 transition group-hover:opacity-100 group-focus-visible:opacity-100">
      <path d="M13.586 3.586a2 2 0 1 1 2.828 2.828l-.793.793-2.828-2.828.793-.793ZM11.379 5.793 3 14.172V17h2.828l8.38-8.379-2.83-2.828Z" />
    </svg>
  );
}
