/** Up to two letters for an avatar: the first letters of the first two words ("Ann Lee" → "AL"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '');
  const initials = letters.join('').toLocaleUpperCase();
  return initials || '?';
}
