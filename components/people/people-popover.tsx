'use client';

import { useEffect, useRef, useState } from 'react';
import { PeoplePanel } from './people-panel';
import { usePeopleContext } from './people-provider';

/** The header's "People" button: how many contacts are online, and the panel in a popover. */
export function PeoplePopover() {
  const { people, liveStatus } = usePeopleContext();
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const onlineCount = liveStatus === 'live' ? people.filter((person) => person.online).length : null;

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    const onClick = (event: MouseEvent) => {
      if (container.current && !container.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  return (
    <div ref={container} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((value) => !value)}
        className="rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap text-zinc-600 ring-1 ring-zinc-300 hover:bg-zinc-100 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800"
      >
        People{onlineCount !== null ? <span className="ml-1 text-emerald-700 dark:text-emerald-400">{`· ${onlineCount} online`}</span> : null}
      </button>
      {open ? (
        <div role="dialog" aria-label="People" className="absolute right-0 z-40 mt-2 max-h-[70vh] w-80 overflow-y-auto rounded-xl border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-800 dark:bg-zinc-950">
          <PeoplePanel headingLevel={3} />
        </div>
      ) : null}
    </div>
  );
}
