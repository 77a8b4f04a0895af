import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';
import { getSignedInUser } from '@/lib/auth/require-user';

const PRIMARY_LINK =
  'inline-flex items-center justify-center rounded-lg bg-indigo-600 px-5 py-3 text-sm font-semibold text-white shadow-sm transition hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:bg-indigo-500 dark:hover:bg-indigo-400';
const SECONDARY_LINK =
  'inline-flex items-center justify-center rounded-lg px-5 py-3 text-sm font-semibold text-zinc-800 ring-1 ring-zinc-300 transition hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-900';

export default async function HomePage() {
  const user = await getSignedInUser();
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader user={user} />
      <main className="mx-auto flex w-full max-w-2xl flex-1 flex-col justify-center gap-6 px-6 py-16">
        <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase dark:text-indigo-400">Presently</p>
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">See who&apos;s here, right now.</h1>
        <p className="text-lg text-zinc-600 dark:text-zinc-400">
          Join a room and watch people arrive, leave and change their status the moment it happens.
        </p>
        <div className="flex flex-wrap gap-3">
          {user ? (
            <Link href="/rooms" className={PRIMARY_LINK}>
              Go to your rooms
            </Link>
          ) : (
            <>
              <Link href="/sign-up" className={PRIMARY_LINK}>
                Create an account
              </Link>
              <Link href="/sign-in" className={SECONDARY_LINK}>
                Sign in
              </Link>
            </>
          )}
        </div>
      </main>
    </div>
  );
}
