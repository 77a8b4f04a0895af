'use client';

import { useRef, useState, type ReactNode } from 'react';

/**
 * On narrow screens the member list lives in a modal `<dialog>`: the browser traps focus, Escape closes
 * it and focus returns to the button that opened it.
 */
export function MembersDrawer({ count, children }: { count: number; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="inline-flex items-center gap-2 rounded-full bg-zinc-900 px-3.5 py-1.5 text-sm font-medium text-white shadow-sm focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 focus-visible:outline-none md:hidden dark:bg-white dark:text-zinc-900 dark:focus-visible:ring-offset-zinc-950"
      >
        Members ({count})
      </button>
      <dialog
        ref={dialog}
        aria-label="Members"
        onClose={() => setOpen(false)}
        className="m-0 mt-auto max-h-[85dvh] w-full max-w-none rounded-t-2xl bg-white p-0 text-zinc-900 shadow-2xl transition-transform duration-200 ease-out backdrop:bg-zinc-950/60 motion-reduce:transition-none md:hidden starting:open:translate-y-full dark:bg-zinc-950 dark:text-zinc-100 dark:ring-1 dark:ring-white/10"
      >
        <div aria-hidden="true" className="flex justify-center pt-3">
          <span className="h-1 w-10 rounded-full bg-zinc-300 dark:bg-zinc-700" />
        </div>
        <div className="overflow-y-auto px-2 pt-3 pb-8">
          {open && children}
          <div className="mt-6 px-3">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="w-full rounded-lg bg-zinc-100 px-3 py-2 text-sm font-medium hover:bg-zinc-200 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none dark:bg-zinc-800 dark:hover:bg-zinc-700"
            >
              Close
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
