import { initialsOf } from './initials';

const SIZES = {
  sm: 'size-8 text-xs',
  md: 'size-10 text-sm',
} as const;

/** Initials on the user's colour. Decorative: the surrounding control carries the accessible name. */
export function Avatar({ name, color, size = 'md' }: { name: string; color: string; size?: keyof typeof SIZES }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white select-none ${SIZES[size]}`}
      style={{ backgroundColor: color }}
    >
      {initialsOf(name)}
    </span>
  );
}
