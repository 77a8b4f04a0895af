export function OrDivider() {
  return (
    <div className="my-5 flex items-center gap-3 text-xs text-zinc-500 uppercase dark:text-zinc-400" aria-hidden="true">
      <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      or
      <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
    </div>
  );
}
