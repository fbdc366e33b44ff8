import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { LiveFeedProvider, useLive } from './LiveFeed';
import { whenUnauthorized } from '../api/client';

/** Stands in for the browser's WebSocket: the test opens, closes and feeds each connection. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string, readonly protocols: string[]) {
    FakeSocket.all.push(this);
  }
  close() {}
  open() {
    act(() => this.onopen?.());
  }
  drop(code = 1006) {
    act(() => this.onclose?.({ code }));
  }
  push(message: object) {
    act(() => this.onmessage?.({ data: JSON.stringify(message) }));
  }
}

function State() {
  const { state, messages } = useLive();
  return <div><span data-testid="state">{state}</span><span data-testid="count">{messages.length}</span></div>;
}

/** Mounts the provider with fake timers and sockets; returns the spy on cache invalidation. */
function mount() {
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  const client = new QueryClient();
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  render(<QueryClientProvider client={client}><LiveFeedProvider token="jwt-123"><State /></LiveFeedProvider></QueryClientProvider>);
  return invalidate;
}

describe('LiveFeedProvider', () => {
  afterEach(() => {
    vi.useRealTimers();
    FakeSocket.all = [];
  });

  it('carries the token as a subprotocol entry, reconnects after a drop, and refetches everything after the gap', () => {
    const invalidate = mount();

    const first = FakeSocket.all[0];
    expect(first.url).toMatch(/^ws:\/\/.*\/ws$/);
    expect(first.protocols).toEqual(['bearer-token-carrier', encodeURIComponent('quarkus-http-upgrade#Authorization#Bearer jwt-123')]);
    first.open();
    expect(screen.getByTestId('state').textContent).toBe('open');
    expect(invalidate).not.toHaveBeenCalled();

    first.drop();
    expect(screen.getByTestId('state').textContent).toBe('reconnecting');
    act(() => vi.advanceTimersByTime(1300));
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1].open();

    expect(screen.getByTestId('state').textContent).toBe('open');
    expect(invalidate).toHaveBeenCalledWith();
  });

  it('keeps each pushed event once and makes its domain stale', () => {
    const invalidate = mount();
    const socket = FakeSocket.all[0];
    socket.open();

    const event = { type: 'environment-updated', id: 'e1', data: { enabled: false }, time: '2026-11-25T01:00:00Z', event: 'x', subject: 'ibm-eu-de-dev' };
    socket.push(event);
    socket.push(event);
    act(() => vi.advanceTimersByTime(1100));

    expect(screen.getByTestId('count').textContent).toBe('1');
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['environments'] }, { cancelRefetch: false });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['status'] }, { cancelRefetch: false });
  });

  it('sends the user to the login view instead of reconnecting when the gateway ends the feed for its token', () => {
    const signedOut = vi.fn();
    whenUnauthorized(signedOut);
    mount();
    const socket = FakeSocket.all[0];
    socket.open();

    socket.drop(1008);
    act(() => vi.advanceTimersByTime(60_000));

    expect(signedOut).toHaveBeenCalledTimes(1);
    expect(FakeSocket.all).toHaveLength(1);
    expect(screen.getByTestId('state').textContent).toBe('offline');
  });
});
