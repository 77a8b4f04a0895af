'use client';

import type { PresenceMember, SubscriptionPhase } from '@/lib/realtime-client/presence-reducer';
import type { StatusStamp } from '@/lib/realtime-client/status-order';
import { AdminBadge } from './admin-badge';
import { Avatar } from './avatar';
import { MemberRow } from './member-row';
import { StatusEditor } from './status-editor';

export type MemberListProps = {
  me: PresenceMember;
  phase: SubscriptionPhase;
  others: PresenceMember[];
  count: number;
  isBusiness: boolean;
  highlights: ReadonlyMap<string, number>;
  onStatusSaved: (stamp: StatusStamp) => void;
};

function Section({ title, members, highlights }: { title: string; members: PresenceMember[]; highlights: ReadonlyMap<string, number> }) {
  if (members.length === 0) return null;
  return (
    <section aria-label={title} className="mt-4">
      <h3 className="flex items-center gap-2 px-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {title}
        <span className="ml-auto tabular-nums">{members.length}</span>
      </h3>
      <ul className="mt-1 space-y-0.5">
        {members.map((member) => (
          <MemberRow key={member.id} member={member} highlightToken={highlights.get(member.id)} />
        ))}
      </ul>
    </section>
  );
}

/** You (with your editable status) first, then everyone else; business rooms list admins separately. */
export function MemberList({ me, phase, others, count, isBusiness, highlights, onStatusSaved }: MemberListProps) {
  return (
    <div aria-label="Member list" role="region" data-phase={phase}>
      <div className="flex items-baseline justify-between px-3">
        <h2 className="text-sm font-semibold">Members</h2>
        <p className="text-sm text-zinc-500 tabular-nums dark:text-zinc-400" data-testid="presence-count">
          {count} here
        </p>
      </div>

      <div className="mt-3 rounded-xl bg-zinc-50 p-3 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800" data-member-id={me.id} role="group" aria-label="You">
        <div className="flex items-center gap-3">
          <Avatar name={me.info.name} color={me.info.color} size="sm" />
          <p className="flex min-w-0 items-center gap-2">
            <span className="truncate text-sm font-medium">{me.info.name}</span>
            <span className="text-sm text-zinc-500 dark:text-zinc-400">(you)</span>
            {me.info.isAdmin && <AdminBadge />}
          </p>
        </div>
        <div className="mt-2 -mx-2">
          <StatusEditor status={me.info.status} onSaved={onStatusSaved} />
        </div>
      </div>

      {isBusiness ? (
        <>
          <Section title="Admins" members={others.filter((member) => member.info.isAdmin)} highlights={highlights} />
          <Section title="Members" members={others.filter((member) => !member.info.isAdmin)} highlights={highlights} />
        </>
      ) : (
        <Section title="Here with you" members={others} highlights={highlights} />
      )}
      {others.length === 0 && <p className="mt-4 px-3 text-sm text-zinc-500 dark:text-zinc-400">Nobody else yet. Share the link and watch them arrive.</p>}
    </div>
  );
}
