/**
 * Avatar colours: Tailwind 600/700 shades, each with at least 4.5:1 contrast against white initials
 * (WCAG AA for normal text), so any of them works in light and dark mode.
 */
export const AVATAR_COLORS = [
  '#4f46e5', // indigo-600
  '#7c3aed', // violet-600
  '#c026d3', // fuchsia-600
  '#db2777', // pink-600
  '#dc2626', // red-600
  '#c2410c', // orange-700
  '#a16207', // yellow-700
  '#4d7c0f', // lime-700
  '#15803d', // green-700
  '#047857', // emerald-700
  '#0f766e', // teal-700
  '#0e7490', // cyan-700
  '#0369a1', // sky-700
  '#1d4ed8', // blue-700
] as const;

/** FNV-1a: tiny, stable across runtimes, and spreads similar usernames over different colours. */
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv1a(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** The same username always gets the same colour. */
export function avatarColorFor(username: string): string {
  return AVATAR_COLORS[fnv1a(username) % AVATAR_COLORS.length] ?? AVATAR_COLORS[0];
}

/**
 * Each colour as a Tailwind class, so avatars need no `style` attribute: the Content-Security-Policy allows no
 * inline styles (lib/security/content-security-policy.ts), and a server-rendered `style="…"` would be dropped.
 * The class names are spelled out for Tailwind's scanner, with the exact colours above (Tailwind 4's own
 * palette is in OKLCH and differs slightly).
 */
const AVATAR_COLOR_CLASSES: Readonly<Record<(typeof AVATAR_COLORS)[number], string>> = {
  '#4f46e5': 'bg-[#4f46e5]',
  '#7c3aed': 'bg-[#7c3aed]',
  '#c026d3': 'bg-[#c026d3]',
  '#db2777': 'bg-[#db2777]',
  '#dc2626': 'bg-[#dc2626]',
  '#c2410c': 'bg-[#c2410c]',
  '#a16207': 'bg-[#a16207]',
  '#4d7c0f': 'bg-[#4d7c0f]',
  '#15803d': 'bg-[#15803d]',
  '#047857': 'bg-[#047857]',
  '#0f766e': 'bg-[#0f766e]',
  '#0e7490': 'bg-[#0e7490]',
  '#0369a1': 'bg-[#0369a1]',
  '#1d4ed8': 'bg-[#1d4ed8]',
};
/** A colour from elsewhere (not one of ours) still gets a readable background. */
const UNKNOWN_COLOR_CLASS = 'bg-slate-600';

export function avatarColorClass(color: string): string {
  return (AVATAR_COLOR_CLASSES as Record<string, string | undefined>)[color.toLowerCase()] ?? UNKNOWN_COLOR_CLASS;
}
