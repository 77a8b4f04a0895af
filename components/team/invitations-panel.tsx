'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { acceptInvitation, declineInvitation, type MyInvitationPayload } from '@/lib/team/api-client';
import { useMyInvitations } from '@/lib/team/use-my-invitations';
import { useRefreshOnAccessRevoked } from '@/lib/team/use-refresh-on-access-revoked';

const BUTTON =
  'rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-zinc-300 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50 dark:ring-zinc-700 dark:hover:bg-zinc-800';

/**
 * On the rooms page: invitations to business rooms, each to accept (you join the team, and the room unlocks) or
 * decline. Until then you are not a member: no access, and nobody there sees you as a contact. Live. (It also
 * re-renders the page when you leave a team or are removed from one.)
 */
export function InvitationsPanel({ initial }: { initial: MyInvitationPayload[] }) {
  const router = useRouter();
  const { invitations, reread } = useMyInvitations(initial);
  useRefreshOnAccessRevoked();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (invitations.length === 0 && !error) return null;

  const answer = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    work()
      .then(() => router.refresh())
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : 'Something went wrong.'))
      .finally(() => {
        setBusy(false);
        reread();
      });
  };

  return (
    <section aria-label="Invitations" className="rounded-2xl p-5 ring-1 ring-indigo-200 dark:ring-indigo-500/30">
      <h2 className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">Invitations</h2>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <ul className="mt-3 flex flex-col gap-3">
        {invitations.map((invitation) => (
          <li key={invitation.slug} className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              {invitation.invitedByName} invited you to <strong className="font-semibold">{invitation.roomName}</strong>
            </p>
            <div className="flex gap-2">
              <button type="button" disabled={busy} className={BUTTON} aria-label={`Accept the invitation to ${invitation.roomName}`} onClick={() => answer(() => acceptInvitation(invitation.slug))}>
                Accept
              </button>
              <button type="button" disabled={busy} className={BUTTON} aria-label={`Decline the invitation to ${invitation.roomName}`} onClick={() => answer(() => declineInvitation(invitation.slug))}>
                Decline
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
