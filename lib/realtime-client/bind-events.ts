import type { Channel } from 'pusher-js';

type Handler = Parameters<Channel['bind']>[1];

/** A pusher-js channel, or `pusher.user`: anything that binds callbacks by event name. */
type EventSource = {
  bind(event: string, handler: Handler): unknown;
  unbind(event: string, handler: Handler): unknown;
};

/** Binds every handler and returns one function that unbinds exactly those, for a React effect's cleanup. */
export function bindEvents(source: EventSource, handlers: Record<string, Handler>): () => void {
  const entries = Object.entries(handlers);
  for (const [event, handler] of entries) source.bind(event, handler);
  return () => {
    for (const [event, handler] of entries) source.unbind(event, handler);
  };
}
