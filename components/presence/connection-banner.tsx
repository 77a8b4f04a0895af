'use client';

import { useConnectionState, type ConnectionStatus } from '@/lib/realtime-client/use-connection-state';

function messageFor({ state, wasConnected }: ConnectionStatus): string | null {
  if (state === 'connected' || state === 'initialized' || state === 'disconnected') return null;
  if (state === 'failed') return 'Live updates are not available in this browser.';
  if (state === 'unavailable') return 'Live server unreachable. Retrying…';
  return wasConnected ? 'Reconnecting…' : null;
}

/** A quiet line while the live connection is down; gone as soon as it is back. */
export function ConnectionBanner() {
  const message = messageFor(useConnectionState());
  return (
    <div role="status" aria-label="Connection" className="min-h-0">
      {message && (
        <p className="flex items-center justify-center gap-2 bg-amber-50 px-4 py-1.5 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-400/10 dark:text-amber-200 dark:ring-amber-400/20">
          <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-amber-500 motion-reduce:animate-none" />
          {message}
        </p>
      )}
    </div>
  );
}
