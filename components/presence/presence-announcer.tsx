import type { Announcement } from '@/lib/presence/store/presence-reducer';

/** Tells screen readers who joined or left, politely (between other announcements, never interrupting). */
export function PresenceAnnouncer({ announcement }: { announcement: Announcement | null }) {
  return (
    <div role="log" aria-live="polite" aria-label="Arrivals and departures" className="sr-only">
      {announcement && <p key={announcement.id}>{announcement.text}</p>}
    </div>
  );
}
