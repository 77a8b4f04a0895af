import { avatarColorClass } from '@/lib/users/avatar-color';
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
      data-color={color}
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white select-none ${avatarColorClass(color)} ${SIZES[size]}`}
    >
      {initialsOf(name)}
    </span>
  );
}
