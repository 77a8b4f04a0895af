'use client';

import { createContext, useContext, type ReactNode } from 'react';

const ModerationContext = createContext(false);

/**
 * Whether the signed-in user may delete anyone's messages in this room. The room's live root provides it from
 * the team roster (business-room admins), so a promotion or demotion reaches the chat without a reload; there is
 * no second copy of the role to keep in step. Outside a provider (and in hobby rooms): no one moderates.
 */
export function ModerationProvider({ canModerate, children }: { canModerate: boolean; children: ReactNode }) {
  return <ModerationContext.Provider value={canModerate}>{children}</ModerationContext.Provider>;
}

export function useCanModerate(): boolean {
  return useContext(ModerationContext);
}
