import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { requireUser } from '@/lib/auth/require-user';

/** Everything under (app) needs a signed-in user; others are sent to sign in and brought back. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader user={user} />
      {children}
    </div>
  );
}
