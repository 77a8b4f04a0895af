'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ROOM_DESCRIPTION_MAX_LENGTH, ROOM_NAME_MAX_LENGTH } from '@/lib/db/limits';
import { createRoomRequest } from '@/lib/team/api-client';

const FIELD =
  'w-full rounded-md bg-white px-3 py-2 text-sm ring-1 ring-zinc-300 focus:ring-2 focus:ring-indigo-500 focus:outline-none dark:bg-zinc-900 dark:ring-zinc-700';

/** Any signed-in user opens a room; whoever creates a business room becomes its admin. */
export function CreateRoomForm() {
  const router = useRouter();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'hobby' | 'business'>('hobby');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    createRoomRequest({ name, kind, description })
      .then(({ slug }) => router.push(`/rooms/${slug}`))
      .catch((failure: unknown) => {
        setError(failure instanceof Error ? failure.message : 'Could not create the room.');
        setBusy(false);
      });
  };

  return (
    <details className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
      <summary className="cursor-pointer text-sm font-semibold text-indigo-600 dark:text-indigo-400">Create a room</summary>
      <form onSubmit={submit} aria-label="Create a room" className="mt-4 grid gap-3 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          Room name
          <input required value={name} maxLength={ROOM_NAME_MAX_LENGTH} onChange={(event) => setName(event.target.value)} className={FIELD} />
        </label>
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend>Kind</legend>
          <div className="flex gap-4 pt-2">
            {(['hobby', 'business'] as const).map((option) => (
              <label key={option} className="flex items-center gap-1.5">
                <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} />
                {option === 'hobby' ? 'Hobby (open to all)' : 'Business (members only)'}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex flex-col gap-1 text-sm sm:col-span-2">
          Description
          <input value={description} maxLength={ROOM_DESCRIPTION_MAX_LENGTH} onChange={(event) => setDescription(event.target.value)} className={FIELD} />
        </label>
        <div className="flex items-center gap-3 sm:col-span-2">
          <button
            type="submit"
            disabled={busy}
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60"
          >
            Create room
          </button>
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        </div>
      </form>
    </details>
  );
}
