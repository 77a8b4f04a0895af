'use client';

import { useEffect, useState } from 'react';
import { z } from 'zod';
import { useSubscriptions } from '@/lib/realtime-client/realtime-provider';
import { OCCUPANCY_EVENT } from './channels';
import type { RoomOccupancy } from './occupancy-types';

const occupancySchema = z.object({
  slug: z.string(),
  count: z.number().int().nonnegative(),
  people: z.array(z.object({ id: z.string(), name: z.string(), color: z.string() })),
  asOf: z.number(),
});

/**
 * Live occupancy for the rooms page: starts from what the server rendered and applies `occupancy` events from
 * the lobby channels, keeping the newest snapshot per room (webhooks can be answered out of order).
 */
export function useLobby(channels: readonly string[], initial: readonly RoomOccupancy[]): Map<string, RoomOccupancy> {
  const subscriptions = useSubscriptions();
  const [occupancy, setOccupancy] = useState(() => new Map(initial.map((room) => [room.slug, room])));
  const channelsKey = channels.join(',');

  useEffect(() => {
    if (!subscriptions) return;
    const names = channelsKey.split(',').filter(Boolean);
    const onOccupancy = (data: unknown) => {
      const parsed = occupancySchema.safeParse(data);
      if (!parsed.success) return;
      const next = parsed.data;
      setOccupancy((current) => {
        const known = current.get(next.slug);
        if (known && known.asOf > next.asOf) return current;
        return new Map(current).set(next.slug, next);
      });
    };
    const leases = names.map((name) => subscriptions.hold(name));
    for (const { channel } of leases) channel.bind(OCCUPANCY_EVENT, onOccupancy);
    return () => {
      for (const lease of leases) {
        lease.channel.unbind(OCCUPANCY_EVENT, onOccupancy);
        lease.release();
      }
    };
  }, [subscriptions, channelsKey]);

  return occupancy;
}
