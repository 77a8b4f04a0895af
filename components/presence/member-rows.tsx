'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';
import type { PresenceMember } from '@/lib/presence/store/presence-reducer';
import type { PersonPresence } from '@/lib/presence/person-presence';
import { MemberRow } from './member-row';

/**
 * Up to this many rows are plain list items; beyond it only the rows on screen are in the page (a room of
 * 1,000 would otherwise mount 1,000 rows on every change).
 */
export const VIRTUALIZE_ABOVE = 40;
/** A row's usual height (avatar, name, one line of status); real heights are measured as rows appear. */
const ESTIMATED_ROW_PX = 68;
/** Rows kept mounted above and below the visible ones, so fast scrolling does not show gaps. */
const OVERSCAN_ROWS = 6;

export type MemberRowsProps = {
  members: readonly PresenceMember[];
  highlights: ReadonlyMap<string, number>;
  presence: ReadonlyMap<string, PersonPresence>;
  actionsFor: (member: PresenceMember) => ReactNode;
};

/** A section's rows: all of them when few, a virtualized scrolling window when many. */
export function MemberRows(props: MemberRowsProps) {
  if (props.members.length <= VIRTUALIZE_ABOVE) {
    const { members, highlights, presence, actionsFor } = props;
    return (
      <ul className="mt-1 space-y-0.5">
        {members.map((member) => (
          <MemberRow key={member.id} member={member} highlightToken={highlights.get(member.id)} presence={presence.get(member.id)} actions={actionsFor(member)} />
        ))}
      </ul>
    );
  }
  return <VirtualMemberRows {...props} />;
}

function VirtualMemberRows({ members, highlights, presence, actionsFor }: MemberRowsProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read during this render only
  const virtualizer = useVirtualizer({
    count: members.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN_ROWS,
    getItemKey: (index) => members[index]?.id ?? index,
  });
  return (
    <div ref={scrollerRef} className="mt-1 max-h-[60vh] overflow-y-auto overscroll-contain" data-testid="virtual-member-list">
      <ul className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const member = members[item.index];
          if (!member) return null;
          return (
            <MemberRow
              key={member.id}
              member={member}
              highlightToken={highlights.get(member.id)}
              presence={presence.get(member.id)}
              actions={actionsFor(member)}
              placement={{
                ref: virtualizer.measureElement,
                index: item.index,
                setSize: members.length,
                style: { position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` },
              }}
            />
          );
        })}
      </ul>
    </div>
  );
}
