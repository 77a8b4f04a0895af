'use client';

import { useId } from 'react';
import type { AppearOfflineApi } from '@/lib/presence/appear-offline/use-appear-offline';

/** The "Appear offline" setting, in your own card of the member list. */
export function AppearOfflineSwitch({ api }: { api: AppearOfflineApi }) {
  const hintId = useId();
  const { appearOffline, requested, saving, error, setAppearOffline } = api;
  const shown = requested ?? appearOffline;
  return (
    <div className="mt-2 px-1">
      <label className="flex cursor-pointer items-center justify-between gap-3 text-sm">
        <span>Appear offline</span>
        <input
          type="checkbox"
          role="switch"
          className="peer size-4 accent-indigo-600"
          checked={shown}
          aria-busy={saving || undefined}
          aria-describedby={hintId}
          onChange={(event) => {
            if (!saving) setAppearOffline(event.target.checked);
          }}
        />
      </label>
      <p id={hintId} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        {shown ? 'Nobody sees you in any room. You still see everyone, and your messages show your name.' : 'Others see you here.'}
      </p>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
