const KIND_LABEL = { hobby: 'Hobby room', business: 'Business room' } as const;

const KIND_STYLE = {
  hobby: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/30',
  business: 'bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/30',
} as const;

export function RoomHeading({ name, kind }: { name: string; kind: 'hobby' | 'business' }) {
  return (
    <>
      <p className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${KIND_STYLE[kind]}`}>{KIND_LABEL[kind]}</p>
      <h1 className="mt-2 truncate text-3xl font-bold tracking-tight sm:text-4xl">{name}</h1>
    </>
  );
}
