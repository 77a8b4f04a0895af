import type { ReactNode } from 'react';
import { RelativeTime } from '@/components/chat/relative-time';
import type { AbsentMember } from '@/lib/team/roster';
import { AdminBadge } from './admin-badge';
import { Avatar } from './avatar';

/** A team member who is not here: greyed, with when they were last seen (relative; exact on hover). */
export function OfflineMemberRow({ member, now, actions }: { member: AbsentMember; now: number; actions?: ReactNode }) {
  const { name, color, isAdmin } = member.info;
  return (
    <li data-member-id={member.id} data-online="false" className="flex items-start gap-3 rounded-xl px-3 py-2.5">
      <span className="opacity-50 grayscale">
        <Avatar name={name} color={color} size="sm" />
      </span>
      <div className="min-w-0 flex-1 text-zinc-500 dark:text-zinc-400">
        <p className="flex items-center gap-2">
          <span className="truncate text-sm font-medium">{name}</span>
          {isAdmin && <AdminBadge />}
        </p>
        <p className="text-sm">
          {member.lastSeenAt ? (
            <>
              last seen <RelativeTime iso={member.lastSeenAt} now={now} />
            </>
          ) : (
            'not seen yet'
          )}
        </p>
      </div>
      {actions}
    </li>
  );
}
