import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useLive } from '../live/LiveFeed';
import { StatusBadge } from '../components/Badges';

export function Header({ onToggleNavigation }: { onToggleNavigation: () => void }) {
  const { session, logout } = useAuth();
  const { state } = useLive();
  return (
    <header className="flex h-12 shrink-0 items-center justify-between border-b border-slate-800 bg-slate-900 px-3">
      <div className="flex items-center gap-3">
        <button type="button" aria-label="Toggle navigation" onClick={onToggleNavigation}
          className="rounded px-2 py-1 text-slate-300 hover:bg-slate-800">☰</button>
        <Link to="/" className="font-semibold text-slate-100">Orchestration Portal</Link>
      </div>
      <div className="flex items-center gap-3 text-sm">
        <span data-testid="connection-state"><StatusBadge status={state} label={`live: ${state}`} /></span>
        {session && (
          <>
            <span className="text-slate-300" data-testid="current-user">{session.username}
              <span className="ml-1 text-xs text-slate-500">({session.role})</span></span>
            <button type="button" onClick={() => logout()} className="rounded border border-slate-700 px-2 py-1 text-xs hover:bg-slate-800">
              Sign out
            </button>
          </>
        )}
      </div>
    </header>
  );
}
