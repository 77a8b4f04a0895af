'use client';

import { useEffect, useState } from 'react';
import type Pusher from 'pusher-js';
import { useRealtimeClient } from './realtime-provider';
import { isReconnectScheduled } from './reconnect-with-backoff';

/** pusher-js connection states: https://pusher.com/docs/channels/using_channels/connection/#available-states */
export type ConnectionState = 'initialized' | 'connecting' | 'connected' | 'unavailable' | 'failed' | 'disconnected';

export type ConnectionStatus = {
  state: ConnectionState;
  /** True once this tab has been connected: later non-connected states mean "reconnecting". */
  wasConnected: boolean;
};

type StateChange = { previous: ConnectionState; current: ConnectionState };

/** Between two reconnect tries the client is `disconnected` on purpose: to people that is still "connecting". */
function visibleState(pusher: Pusher, state: ConnectionState): ConnectionState {
  return state === 'disconnected' && isReconnectScheduled(pusher) ? 'connecting' : state;
}

export function useConnectionState(): ConnectionStatus {
  const pusher = useRealtimeClient();
  const [status, setStatus] = useState<ConnectionStatus>({ state: 'initialized', wasConnected: false });

  useEffect(() => {
    if (!pusher) return;
    const current = visibleState(pusher, pusher.connection.state as ConnectionState);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- syncing with the client that just appeared
    setStatus((previous) => ({ state: current, wasConnected: previous.wasConnected || current === 'connected' }));
    const onChange = ({ current }: StateChange) => {
      const next = visibleState(pusher, current);
      setStatus((previous) => ({ state: next, wasConnected: previous.wasConnected || next === 'connected' }));
    };
    pusher.connection.bind('state_change', onChange);
    return () => {
      pusher.connection.unbind('state_change', onChange);
    };
  }, [pusher]);

  return status;
}
