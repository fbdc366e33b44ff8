import { useState } from 'react';
import { isCollection, useLive } from '../live/LiveFeed';
import { StatusBadge } from '../components/Badges';

/** The live event feed: every message the gateway pushed, newest first, and the connection's state. */
export function BottomPanel() {
  const { state, messages, retryIn } = useLive();
  const [showCollections, setShowCollections] = useState(false);
  const shown = showCollections ? messages : messages.filter((message) => !isCollection(message));
  return (
    <div className="flex h-full flex-col bg-slate-900" aria-label="Live events">
      <div className="flex items-center justify-between border-b border-slate-800 px-3 py-1 text-xs text-slate-400">
        <span className="font-semibold uppercase tracking-wide">Live events</span>
        <label className="ml-auto mr-4 flex items-center gap-1 normal-case">
          <input type="checkbox" checked={showCollections} onChange={(e) => setShowCollections(e.target.checked)} />
          metric collections
        </label>
        <span data-testid="feed-state">
          <StatusBadge status={state} />
          {state === 'reconnecting' && retryIn !== null && <span className="ml-2">retrying in {retryIn} s</span>}
        </span>
      </div>
      <ol className="min-h-0 flex-1 overflow-auto font-mono text-xs" data-testid="live-events">
        {shown.length === 0 && <li className="p-2 italic text-slate-500">No events yet: changes anywhere in the portal appear here as they happen.</li>}
        {shown.map((message) => (
          <li key={message.id ?? `${message.time}-${message.type}`} className="flex gap-3 border-b border-slate-800/60 px-3 py-0.5">
            <span className="text-slate-500">{new Date(message.time).toLocaleTimeString()}</span>
            <span className="text-sky-300">{message.type}</span>
            <span className="text-slate-300">{message.subject ?? ''}</span>
            <span className="truncate text-slate-500">{message.event}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
