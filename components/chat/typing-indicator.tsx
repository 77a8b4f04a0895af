/** "Ann is typing…", "Ann and Bo are typing…", "Several people are typing…". */
export function typingText(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

export function TypingIndicator({ names }: { names: readonly string[] }) {
  return (
    <p role="status" aria-label="Typing" className="h-5 px-4 text-xs text-zinc-500 italic dark:text-zinc-400">
      {typingText(names)}
    </p>
  );
}
