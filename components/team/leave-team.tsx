'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { leaveTeam } from '@/lib/team/api-client';

/**
 * Any member's way out of a business room. The only member is asked first, since the room goes with them; the
 * last admin of a team is refused by the server (the answer is shown here) until someone else is admin.
 */
export function LeaveTeam({ slug, myId, onlyMember }: { slug: string; myId: string; onlyMember: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const leave = () => {
    if (onlyMember && !window.confirm('You are the only member: leaving deletes this room and its messages. Leave?')) return;
    setBusy(true);
    setError(null);
    leaveTeam(slug, myId).then(
      () => router.push('/rooms'),
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : 'Something went wrong.');
        setBusy(false);
      },
    );
  };
  return (
    <div className="mt-5 border-t border-zinc-200 px-3 pt-4 dark:border-zinc-800">
      <button
        type="button"
        disabled={busy}
        onClick={leave}
        className="rounded-md px-2.5 py-1 text-xs font-medium text-red-700 ring-1 ring-zinc-300 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50 dark:text-red-300 dark:ring-zinc-700 dark:hover:bg-red-500/10"
      >
        Leave team
      </button>
      {error && (
        <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
