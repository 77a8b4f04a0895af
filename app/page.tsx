export default function HomePage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-2xl flex-col justify-center gap-6 px-6 py-16">
      <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase dark:text-indigo-400">Presently</p>
      <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">See who&apos;s here, right now.</h1>
      <p className="text-lg text-zinc-600 dark:text-zinc-400">
        Join a room and watch people arrive, leave and change their status the moment it happens.
      </p>
    </main>
  );
}
