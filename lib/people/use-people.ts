'use client';

import type Pusher from 'pusher-js';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { APPEAR_OFFLINE_CHANGED_EVENT } from '@/lib/presence/appear-offline/events';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { useRealtimeClient } from '@/lib/realtime-client/realtime-provider';
import { PEOPLE_CHANGED_EVENT, peopleResponseSchema, type PersonPayload } from './schemas';
import { signInAgain } from './sign-in-again';

const ENDPOINT = '/api/people';
/**
 * A server with watchlists answers a signin with the watchlist's status at once; if nothing came this long
 * after signing in with contacts, it has none (e.g. hosted Pusher with "Watchlist events" off). The clock also
 * runs from the moment the contacts are known on a live connection, because some servers never answer the
 * signin at all (soketi unless user authentication is on for the app).
 */
export const WATCHLIST_SILENCE_MS = 8_000;

/** A list that keeps disagreeing with the signed watchlist is not chased further than this. */
const MAX_RESIGNINS_IN_A_ROW = 3;

/** Live online status: being established, working, or not offered by this realtime server. */
export type LiveStatus = 'checking' | 'live' | 'unavailable';

export type PersonView = PersonPayload & { online: boolean };

export type PeopleApi = {
  loaded: boolean;
  error: string | null;
  liveStatus: LiveStatus;
  people: PersonView[];
};

type WatchlistEvent = { name?: string; user_ids?: unknown };

function userIdsOf(event: WatchlistEvent): string[] {
  return Array.isArray(event.user_ids) ? event.user_ids.filter((id): id is string => typeof id === 'string') : [];
}

function signedWatchlist(pusher: Pusher): string[] {
  const data = pusher.user.user_data as { watchlist?: unknown } | null;
  return Array.isArray(data?.watchlist) ? data.watchlist.filter((id): id is string => typeof id === 'string') : [];
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/**
 * The People panel's data: the contact list from the app, and who of them is online from the realtime
 * server's watchlist events. Someone marked hidden ("Appear offline") is shown offline whatever arrives.
 * When the list no longer matches the watchlist this connection signed in with (a new contact), the
 * connection signs in again, so the new contact is watched without reloading any tab.
 */
export function usePeople(): PeopleApi {
  const pusher = useRealtimeClient();
  const [people, setPeople] = useState<PersonPayload[]>([]);
  const [configured, setConfigured] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [online, setOnline] = useState<ReadonlySet<string>>(new Set());
  const [wentOffline, setWentOffline] = useState<ReadonlyMap<string, string>>(new Map());
  const [heard, setHeard] = useState(false);
  const [silent, setSilent] = useState(false);
  const onlineRef = useRef<ReadonlySet<string>>(new Set());
  const silenceTimerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const startSilenceClock = useCallback(() => {
    if (silenceTimerRef.current) clearTimeout(silenceTimerRef.current);
    silenceTimerRef.current = setTimeout(() => {
      silenceTimerRef.current = null;
      setSilent(true);
    }, WATCHLIST_SILENCE_MS);
  }, []);
  /** The contact ids last read from the app (null before the first answer). */
  const contactIdsRef = useRef<string[] | null>(null);
  /** Signins again in a row that still did not match the list (bounded: the two could keep disagreeing). */
  const resigninsRef = useRef(0);
  const signInAgainBounded = useCallback((client: Pusher) => {
    if (resigninsRef.current >= MAX_RESIGNINS_IN_A_ROW) return;
    resigninsRef.current += 1;
    signInAgain(client);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const response = await fetch(ENDPOINT, { cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = peopleResponseSchema.parse(await response.json());
      setPeople(body.people);
      contactIdsRef.current = body.liveStatus ? body.people.map((person) => person.id) : null;
      setConfigured(body.liveStatus);
      setLoaded(true);
      setError(null);
      // Contacts to watch on a live connection: the server has WATCHLIST_SILENCE_MS to say anything about them.
      if (pusher?.connection.state === 'connected' && body.liveStatus && body.people.length > 0 && !silenceTimerRef.current) startSilenceClock();
      if (pusher && body.liveStatus && pusher.user.user_data && !sameIds(signedWatchlist(pusher), body.people.map((person) => person.id))) {
        signInAgainBounded(pusher);
      }
    } catch (failure) {
      setError(`Could not load your people (${failure instanceof Error ? failure.message : 'unknown error'}).`);
    }
  }, [pusher, signInAgainBounded, startSilenceClock]);

  useEffect(() => {
    if (!pusher) return;
    const onWatchlist = (event: WatchlistEvent) => {
      const ids = userIdsOf(event);
      const isOnline = event.name === 'online';
      const before = onlineRef.current;
      const next = new Set(before);
      for (const id of ids) {
        if (isOnline) next.add(id);
        else next.delete(id);
      }
      onlineRef.current = next;
      setOnline(next);
      setHeard(true);
      setSilent(false);
      // "Last seen" is now only for someone this tab saw leave (an initial "offline" says nothing new).
      const left = isOnline ? [] : ids.filter((id) => before.has(id));
      if (left.length > 0) {
        const at = new Date().toISOString();
        setWentOffline((current) => new Map([...current, ...left.map((id) => [id, at] as const)]));
      }
    };
    const onMessage = (message: { event?: string }) => {
      if (message.event !== 'pusher:signin_success') return;
      const signed = signedWatchlist(pusher);
      // Signed with an outdated list (contacts changed while the auth was on its way): once more, fresh.
      if (contactIdsRef.current === null || sameIds(signed, contactIdsRef.current)) resigninsRef.current = 0;
      else signInAgainBounded(pusher);
      // Silence means "no watchlist" only when there was something to report.
      if (signed.length > 0) startSilenceClock();
    };
    const onState = ({ current }: { current: string }) => {
      if (current === 'connected') void refresh();
    };
    pusher.user.watchlist.bind('online', onWatchlist);
    pusher.user.watchlist.bind('offline', onWatchlist);
    pusher.connection.bind('message', onMessage);
    pusher.connection.bind('state_change', onState);
    const unbindUser = bindEvents(pusher.user, {
      [PEOPLE_CHANGED_EVENT]: () => void refresh(),
      // This person's own "Appear offline" changed: sign in again so the server counts them (or not) at once.
      [APPEAR_OFFLINE_CHANGED_EVENT]: () => signInAgain(pusher),
    });
    // Read once connected (onState above); a provider mounted on a live connection reads it now. Its state is
    // set when the answer arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the fetch resolves later; nothing is set synchronously
    if (pusher.connection.state === 'connected') void refresh();
    return () => {
      if (silenceTimerRef.current) clearTimeout(silenceTimerRef.current);
      silenceTimerRef.current = null;
      pusher.user.watchlist.unbind('online', onWatchlist);
      pusher.user.watchlist.unbind('offline', onWatchlist);
      pusher.connection.unbind('message', onMessage);
      pusher.connection.unbind('state_change', onState);
      unbindUser();
    };
  }, [pusher, refresh, signInAgainBounded, startSilenceClock]);

  const liveStatus: LiveStatus = !configured ? 'unavailable' : heard || (loaded && people.length === 0) ? 'live' : silent ? 'unavailable' : 'checking';

  const views = useMemo<PersonView[]>(
    () =>
      people.map((person) => ({
        ...person,
        online: liveStatus === 'live' && !person.hidden && online.has(person.id),
        lastSeenAt: person.hidden ? person.lastSeenAt : (wentOffline.get(person.id) ?? person.lastSeenAt),
      })),
    [people, online, wentOffline, liveStatus],
  );

  return { loaded, error, liveStatus, people: views };
}
