import Link from 'next/link';

export default function RoomNotFound() {
  return (
    <main className="mx-auto flex max-w-xl flex-col items-start gap-4 px-6 py-20">
      <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">404</p>
      <h1 className="text-3xl font-bold tracking-tight">No such room</h1>
      <p className="text-zinc-600 dark:text-zinc-400">The room you are looking for does not exist, or its address was mistyped.</p>
      <Link href="/rooms" className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 focus-visible:outline-none dark:focus-visible:ring-offset-zinc-950">
        Back to rooms
      </Link>
    </main>
  );
}
