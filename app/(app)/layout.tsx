import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { requireUser } from '@/lib/auth/require-user';
import { getConfig } from '@/lib/config';
import { RealtimeProvider } from '@/lib/realtime-client/realtime-provider';

/**
 * Everything under (app) needs a signed-in user; others are sent to sign in and brought back. The tab's one
 * realtime connection lives here, so going from room to room is a subscribe and an unsubscribe, not a reconnect.
 */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader user={user} />
      <RealtimeProvider options={getConfig().browserPusher}>{children}</RealtimeProvider>
    </div>
  );
}
