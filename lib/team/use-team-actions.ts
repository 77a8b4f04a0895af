'use client';

import { useCallback, useState } from 'react';
import type { MemberRole } from '@/lib/db/schema';
import { changeRole, invite, removeMember, revokeInvitation } from './api-client';

export type TeamActions = {
  busy: boolean;
  /** The server's refusal of the last action, to show the admin. */
  error: string | null;
  /** The last invitation the server took (the same answer whether or not anyone has that username). */
  invited: string | null;
  invite: (username: string) => void;
  revoke: (username: string) => void;
  setRole: (userId: string, role: MemberRole) => void;
  remove: (userId: string) => void;
};

/** A business room admin's requests to manage a business room's team; every open page (this one too) follows via team-* events. */
export function useTeamActions(slug: string): TeamActions {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invited, setInvited] = useState<string | null>(null);

  const act = useCallback((work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setInvited(null);
    work()
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : 'Something went wrong.'))
      .finally(() => setBusy(false));
  }, []);

  return {
    busy,
    error,
    invited,
    invite: useCallback((username: string) => act(() => invite(slug, username).then(() => setInvited(username.trim().toLowerCase()))), [act, slug]),
    revoke: useCallback((username: string) => act(() => revokeInvitation(slug, username)), [act, slug]),
    setRole: useCallback((userId: string, role: MemberRole) => act(() => changeRole(slug, userId, role)), [act, slug]),
    remove: useCallback((userId: string) => act(() => removeMember(slug, userId)), [act, slug]),
  };
}
