'use client';

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useRealtimeClient, useSubscriptions } from '@/lib/realtime-client/realtime-provider';
import { deleteMessageRequest, fetchMessages, newClientId, postMessage } from './api-client';
import { MESSAGE_DELETED_EVENT, MESSAGE_EVENT, type ChatMessage, type MessagePage } from './events';
import { chatMessageSchema, messageDeletedSchema } from './schemas-client';
import { initialTimeline, timelineReducer, type TimelineState } from './timeline';
import { bindEvents } from '@/lib/realtime-client/bind-events';

export type ChatAuthor = ChatMessage['author'];

export type ChatApi = {
  timeline: TimelineState;
  loadingOlder: boolean;
  olderError: string | null;
  send: (body: string) => void;
  retry: (clientId: string) => void;
  remove: (id: string) => Promise<void>;
  loadOlder: () => void;
};

function messageOf(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}

/**
 * A room's chat in this tab: history (first page from the server render, older pages on demand), live
 * `message` and `message-deleted` events on the room's channel, and sending with optimistic entries.
 * The channel is held from the subscription owner for as long as the chat is shown.
 */
export function useChat(options: { slug: string; channelName: string; me: ChatAuthor; initialPage: MessagePage }): ChatApi {
  const { slug, channelName, me } = options;
  const pusher = useRealtimeClient();
  const subscriptions = useSubscriptions();
  const [timeline, dispatch] = useReducer(timelineReducer, options.initialPage, initialTimeline);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  const bodiesRef = useRef(new Map<string, string>());
  const cursorRef = useRef(timeline.olderCursor);
  useEffect(() => {
    cursorRef.current = timeline.olderCursor;
  }, [timeline.olderCursor]);
  const loadingRef = useRef(false);

  useEffect(() => {
    if (!subscriptions) return;
    const lease = subscriptions.hold(channelName);
    const onMessage = (data: unknown) => {
      const parsed = chatMessageSchema.safeParse(data);
      if (parsed.success) dispatch({ type: 'received', messages: [parsed.data] });
    };
    const onDeleted = (data: unknown) => {
      const parsed = messageDeletedSchema.safeParse(data);
      if (parsed.success) dispatch({ type: 'deleted', id: parsed.data.id });
    };
    // After a (re)subscription, catch up on whatever was sent while this tab was not listening.
    const onSubscribed = () => {
      fetchMessages(slug).then(
        (page) => dispatch({ type: 'received', messages: page.messages }),
        (error: unknown) => console.error('[chat] could not catch up on messages', error),
      );
    };
    const unbind = bindEvents(lease.channel, {
      [MESSAGE_EVENT]: onMessage,
      [MESSAGE_DELETED_EVENT]: onDeleted,
      'pusher:subscription_succeeded': onSubscribed,
    });
    return () => {
      unbind();
      lease.release();
    };
  }, [subscriptions, channelName, slug]);

  const deliver = useCallback(
    (clientId: string, body: string) => {
      const socketId = pusher?.connection.socket_id;
      postMessage(slug, { body, clientId, ...(socketId ? { socketId } : {}) }).then(
        (message) => {
          bodiesRef.current.delete(clientId);
          dispatch({ type: 'received', messages: [message] });
        },
        (error: unknown) => dispatch({ type: 'send_failed', clientId, error: messageOf(error, 'Not sent.') }),
      );
    },
    [pusher, slug],
  );

  const send = useCallback(
    (body: string) => {
      const clientId = newClientId();
      bodiesRef.current.set(clientId, body);
      dispatch({ type: 'sending', message: { clientId, body, createdAt: new Date().toISOString(), author: me } });
      deliver(clientId, body);
    },
    [deliver, me],
  );

  const retry = useCallback(
    (clientId: string) => {
      const body = bodiesRef.current.get(clientId);
      if (body === undefined) return;
      dispatch({ type: 'retrying', clientId });
      deliver(clientId, body);
    },
    [deliver],
  );

  const remove = useCallback(
    async (id: string) => {
      await deleteMessageRequest(slug, id);
      dispatch({ type: 'deleted', id });
    },
    [slug],
  );

  const loadOlder = useCallback(() => {
    const cursor = cursorRef.current;
    if (!cursor || loadingRef.current) return;
    loadingRef.current = true;
    setLoadingOlder(true);
    setOlderError(null);
    fetchMessages(slug, cursor)
      .then(
        (page) => dispatch({ type: 'older_loaded', page }),
        (error: unknown) => setOlderError(messageOf(error, 'Could not load older messages.')),
      )
      .finally(() => {
        loadingRef.current = false;
        setLoadingOlder(false);
      });
  }, [slug]);

  return { timeline, loadingOlder, olderError, send, retry, remove, loadOlder };
}
