import Link from 'next/link';
import type { ReactNode } from 'react';
import { signOutAction } from '@/app/(auth)/actions';
import { Avatar } from '@/components/presence/avatar';
import type { SignedInUser } from '@/lib/auth/require-user';

/** Brand, navigation and who is signed in; every signed-in page starts with it. */
export function SiteHeader({ user, people }: { user: SignedInUser | null; people?: ReactNode }) {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200/80 bg-white/80 backdrop-blur dark:border-zinc-800/80 dark:bg-zinc-950/80">
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-4 px-4 sm:px-6">
        <nav aria-label="Main" className="flex items-center gap-6">
          <Link href="/" className="text-sm font-bold tracking-wide text-indigo-600 uppercase dark:text-indigo-400">
            Presently
          </Link>
          {user ? (
            <Link
              href="/rooms"
              className="text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            >
              Rooms
            </Link>
          ) : null}
        </nav>
        {user ? (
          <div className="flex min-w-0 items-center gap-3">
            {people}
            <div className="flex min-w-0 items-center gap-2">
              <Avatar name={user.displayName} color={user.color} size="sm" />
              <span
                className="sr-only truncate text-sm font-medium text-zinc-800 sm:not-sr-only dark:text-zinc-200"
                data-testid="signed-in-user"
              >
                <span className="sr-only">Signed in as </span>
                {user.displayName}
              </span>
            </div>
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap text-zinc-600 ring-1 ring-zinc-300 transition hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800 dark:hover:text-white"
              >
                Sign out
              </button>
            </form>
          </div>
        ) : (
          <div className="flex items-center gap-2">
            <Link
              href="/sign-in"
              className="rounded-lg px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              Sign in
            </Link>
            <Link
              href="/sign-up"
              className="rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 dark:bg-indigo-500 dark:hover:bg-indigo-400"
            >
              Sign up
            </Link>
          </div>
        )}
      </div>
    </header>
  );
}
