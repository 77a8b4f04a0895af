'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { useSubscriptions } from '@/lib/realtime-client/realtime-provider';

/** The link into a room; the click also starts joining the room's channel, while the page loads. */
export function JoinRoomLink({ href, channelName, label, className, children }: { href: string; channelName: string; label: string; className: string; children: ReactNode }) {
  const subscriptions = useSubscriptions();
  return (
    <Link
      href={href}
      aria-label={label}
      className={className}
      onClick={(event) => {
        // Only a plain click navigates in this tab; a new tab or window gets its own connection. Authorization and
        // subscription overlap the navigation; the room page's hold claims the channel (see subscription-owner.ts).
        if (!subscriptions || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        subscriptions.holdEarly(channelName);
      }}
    >
      {children}
    </Link>
  );
}
