'use client';

import { useConnectionState } from '@/lib/realtime-client/use-connection-state';

/** A small "Live" dot beside the avatar stack: green when connected, grey otherwise. */
export function LiveIndicator() {
  const { state } = useConnectionState();
  const live = state === 'connected';
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">
      <span aria-hidden="true" className="relative flex size-2">
        {live && <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60 motion-reduce:animate-none" />}
        <span className={`relative inline-flex size-2 rounded-full ${live ? 'bg-emerald-500' : 'bg-zinc-400 dark:bg-zinc-600'}`} />
      </span>
      {live ? 'Live' : 'Offline'}
    </span>
  );
}
