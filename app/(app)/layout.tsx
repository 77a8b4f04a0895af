import type { ReactNode } from 'react';
import { PeoplePopover } from '@/components/people/people-popover';
import { PeopleProvider } from '@/components/people/people-provider';
import { SiteHeader } from '@/components/site-header';
import { requireUser } from '@/lib/auth/require-user';
import { getConfig } from '@/lib/config';
import { RealtimeProvider } from '@/lib/realtime-client/realtime-provider';

/**
 * Everything under (app) needs a signed-in user; others are sent to sign in and brought back. The tab's one
 * realtime connection lives here, so going from room to room is a subscribe and an unsubscribe, not a reconnect;
 * the People list (header popover, rooms page panel) rides on it.
 */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-dvh flex-col">
      <RealtimeProvider options={getConfig().browserPusher}>
        <PeopleProvider>
          <SiteHeader user={user} people={<PeoplePopover />} />
          {children}
        </PeopleProvider>
      </RealtimeProvider>
    </div>
  );
}
