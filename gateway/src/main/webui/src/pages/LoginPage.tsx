import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../components/States';
import { buttonClass, inputClass } from '../components/Card';

export function LoginPage() {
  const { session, login } = useAuth();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session) {
    return <Navigate to={from} replace />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex h-full items-center justify-center p-4">
      <form onSubmit={submit} className="w-full max-w-sm rounded-lg border border-slate-800 bg-slate-900 p-6 shadow-xl">
        <h1 className="mb-1 text-lg font-semibold">Orchestration Portal</h1>
        <p className="mb-4 text-sm text-slate-400">Sign in to manage the platform's environments.</p>
        <label className="mb-3 block text-sm">
          <span className="mb-1 block text-slate-300">Username</span>
          <input name="username" autoComplete="username" required value={username}
            onChange={(e) => setUsername(e.target.value)} className={`${inputClass} w-full`} />
        </label>
        <label className="mb-4 block text-sm">
          <span className="mb-1 block text-slate-300">Password</span>
          <input name="password" type="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} className={`${inputClass} w-full`} />
        </label>
        {error !== null && <ErrorState error={error} />}
        <button type="submit" disabled={busy} className={`${buttonClass} w-full`}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </div>
  );
}
