import { formatExact, formatRelative } from '@/lib/chat/relative-time';

/**
 * A time shown relative ("5 min ago"), exact on hover and for assistive tech through `dateTime`. Server and
 * browser clocks and locales differ, so the text may differ at hydration; that is expected, not a bug.
 */
export function RelativeTime({ iso, now, className }: { iso: string; now: number; className?: string }) {
  return (
    <time dateTime={iso} title={formatExact(iso)} className={className} suppressHydrationWarning>
      {formatRelative(iso, now)}
    </time>
  );
}
