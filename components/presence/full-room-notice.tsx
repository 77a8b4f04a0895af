/**
 * Shown while this person is in a full room without being a presence member (the server's member cap was
 * reached): they read and write the chat live and see who is here, but nobody sees them until a place frees up.
 */
export function FullRoomNotice({ count }: { count: number }) {
  return (
    <p
      role="status"
      data-testid="room-full-notice"
      className="mt-6 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-100 dark:ring-amber-500/30"
    >
      <strong className="font-semibold">This room is full</strong> ({count} people here). You can read and write the chat, but
      the others do not see you in the room until a place frees up; you will join by yourself as soon as one does.
    </p>
  );
}
