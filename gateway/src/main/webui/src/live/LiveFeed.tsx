import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LiveMessage } from '../api/types';
import { sessionEnded } from '../api/client';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'offline';

interface Live {
  state: ConnectionState;
  /** Newest first, at most {@link KEPT} metric collections and {@link KEPT} other messages. */
  messages: LiveMessage[];
  /** Seconds until the next reconnect attempt while reconnecting. */
  retryIn: number | null;
  subscribe: (listener: (message: LiveMessage) => void) => () => void;
}

const KEPT = 200;
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
const COALESCE_MS = 1000;
/** Duplicates arrive within moments of each other (a redelivery); older ids need not be kept. */
const SEEN_KEPT = 5000;
/** The close code (policy violation) the gateway ends a feed with when its token expired or was revoked. */
const TOKEN_ENDED = 1008;

/** Which cached API answers a pushed message makes stale (the first element of their query keys). */
const STALE: Record<string, string[]> = {
  'environment-updated': ['environments', 'status'],
  'deployment-updated': ['deployments', 'status'],
  'monitoring-updated': ['monitoring'],
  'alert-created': ['alerts'],
  'alert-updated': ['alerts'],
  'cost-updated': ['costs', 'budgets'],
  'service-updated': ['admin'],
  'provider-updated': ['admin'],
  'admin-updated': ['admin'],
};

/** Metric collections arrive one per environment every few seconds: they are kept apart so they cannot crowd out the rest. */
export const isCollection = (message: LiveMessage) => message.type === 'monitoring-updated';

/** The newest {@link KEPT} messages of each kind (metric collections, everything else), newest first. */
export function retain(messages: LiveMessage[]): LiveMessage[] {
  let collections = 0;
  let others = 0;
  return messages.filter((message) => (isCollection(message) ? ++collections : ++others) <= KEPT);
}

/** Backoff before attempt {@code attempt} (0-based): doubling from 1 s up to 30 s, with up to 20 % jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
  return Math.round(base * (1 + 0.2 * random()));
}

/**
 * Browsers cannot set headers on a WebSocket: the token travels as a Sec-WebSocket-Protocol entry that Quarkus turns
 * back into the upgrade request's Authorization header.
 */
export function liveFeedProtocols(token: string): string[] {
  return ['bearer-token-carrier', encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${token}`)];
}

export function liveFeedUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** The cached-answer domains a pushed message makes stale. */
export function staleDomains(message: LiveMessage): string[] {
  return STALE[message.type] ?? [];
}

/**
 * Collects the domains made stale by a burst of messages (a collection round pushes one per environment) and refetches
 * each once per {@link COALESCE_MS}.
 */
function coalescedInvalidation(client: QueryClient): { add: (domains: string[]) => void; stop: () => void } {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    add: (domains) => {
      domains.forEach((domain) => pending.add(domain));
      if (timer === undefined && pending.size > 0) {
        timer = setTimeout(() => {
          timer = undefined;
          // An answer still on its way is not restarted: under a steady stream of events a slow one would never arrive.
          pending.forEach((domain) => client.invalidateQueries({ queryKey: [domain] }, { cancelRefetch: false }));
          pending.clear();
        }, COALESCE_MS);
      }
    },
    stop: () => clearTimeout(timer),
  };
}

const LiveContext = createContext<Live | null>(null);

/**
 * The gateway's WebSocket feed for the signed-in user (the token travels as a Sec-WebSocket-Protocol entry).
 * Reconnects with backoff; after a gap every cached answer is refetched, since events may have been missed.
 */
export function LiveFeedProvider({ token, children }: { token: string | null; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('offline');
  const [messages, setMessages] = useState<LiveMessage[]>([]);
  const [retryIn, setRetryIn] = useState<number | null>(null);
  const listeners = useRef(new Set<(message: LiveMessage) => void>());

  useEffect(() => {
    if (!token) {
      setState('offline');
      return undefined;
    }
    let socket: WebSocket | null = null;
    let attempt = 0;
    let everOpened = false;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let countdown: ReturnType<typeof setInterval> | undefined;
    const seen = new Set<string>();
    const stale = coalescedInvalidation(queryClient);

    const connect = () => {
      setState(everOpened || attempt > 0 ? 'reconnecting' : 'connecting');
      setRetryIn(null);
      socket = new WebSocket(liveFeedUrl(), liveFeedProtocols(token));
      socket.onopen = () => {
        if (everOpened) {
          queryClient.invalidateQueries();
        }
        everOpened = true;
        attempt = 0;
        setState('open');
      };
      socket.onmessage = (event) => {
        let message: LiveMessage;
        try {
          message = JSON.parse(String(event.data)) as LiveMessage;
        } catch {
          return;
        }
        if (message.id && seen.has(message.id)) {
          return;
        }
        if (message.id) {
          if (seen.size >= SEEN_KEPT) {
            seen.clear();
          }
          seen.add(message.id);
        }
        setMessages((previous) => retain([message, ...previous]));
        stale.add(staleDomains(message));
        listeners.current.forEach((listener) => listener(message));
      };
      socket.onclose = (event) => {
        if (stopped) {
          return;
        }
        if (event.code === TOKEN_ENDED) {
          setState('offline');
          sessionEnded();
          return;
        }
        const delay = reconnectDelay(attempt++);
        setState('reconnecting');
        let remaining = Math.ceil(delay / 1000);
        setRetryIn(remaining);
        countdown = setInterval(() => setRetryIn(--remaining > 0 ? remaining : 0), 1000);
        timer = setTimeout(() => {
          clearInterval(countdown);
          connect();
        }, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      stale.stop();
      clearTimeout(timer);
      clearInterval(countdown);
      socket?.close();
    };
  }, [token, queryClient]);

  const subscribe = useCallback((listener: (message: LiveMessage) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo<Live>(() => ({ state, messages, retryIn, subscribe }), [state, messages, retryIn, subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) {
    throw new Error('useLive outside LiveFeedProvider');
  }
  return live;
}

/** Calls {@code listener} for every pushed message while the component is mounted. */
export function useLiveMessages(listener: (message: LiveMessage) => void): void {
  const { subscribe } = useLive();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribe((message) => latest.current(message)), [subscribe]);
}
