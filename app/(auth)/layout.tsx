import Link from 'next/link';
import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-indigo-50 to-white px-4 py-12 dark:from-zinc-900 dark:to-zinc-950">
      <Link
        href="/"
        className="mb-8 text-sm font-semibold tracking-wide text-indigo-600 uppercase hover:text-indigo-500 dark:text-indigo-400"
      >
        Presently
      </Link>
      <main className="w-full max-w-sm rounded-2xl border border-zinc-200 bg-white p-6 shadow-xl shadow-indigo-950/5 sm:p-8 dark:border-zinc-800 dark:bg-zinc-900 dark:shadow-none">
        {children}
      </main>
    </div>
  );
}
