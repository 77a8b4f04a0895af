import Link from 'next/link';

/** Shown with HTTP 403 to signed-in people who are not members of a business room. */
export default function MembersOnly() {
  return (
    <main className="mx-auto flex max-w-xl flex-col items-start gap-4 px-6 py-20">
      <p className="inline-flex items-center gap-2 text-sm font-semibold text-amber-700 dark:text-amber-400">
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
          <path fillRule="evenodd" d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z" clipRule="evenodd" />
        </svg>
        Business room
      </p>
      <h1 className="text-3xl font-bold tracking-tight">Members only</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        This business room is open to its members only. Ask one of its admins to add you, or pick another room.
      </p>
      <Link href="/rooms" className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 focus-visible:outline-none dark:focus-visible:ring-offset-zinc-950">
        Back to rooms
      </Link>
    </main>
  );
}
