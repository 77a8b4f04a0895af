'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { usePeople, type PeopleApi } from '@/lib/people/use-people';

const PeopleContext = createContext<PeopleApi | null>(null);

/** One People list per tab, shared by the header popover and the rooms page's panel. */
export function PeopleProvider({ children }: { children: ReactNode }) {
  return <PeopleContext.Provider value={usePeople()}>{children}</PeopleContext.Provider>;
}

export function usePeopleContext(): PeopleApi {
  const people = useContext(PeopleContext);
  if (!people) throw new Error('usePeopleContext needs a PeopleProvider above it');
  return people;
}
