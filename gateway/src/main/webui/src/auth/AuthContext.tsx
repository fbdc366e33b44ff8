import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, whenUnauthorized } from '../api/client';
import type { IssuedToken, Role } from '../api/types';
import { allows, clearSession, loadSession, saveSession, type Session } from './session';

interface Auth {
  session: Session | null;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Whether the signed-in user's role includes {@code role}'s rights: buttons a user cannot use are not shown. */
  can: (role: Role) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());

  useEffect(() => whenUnauthorized(() => setSession(null)), []);

  const login = useCallback(async (username: string, password: string) => {
    const issued = await api<IssuedToken>('POST', '/api/admin/login', { username, password });
    setSession(saveSession(issued));
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('POST', '/api/admin/logout');
    } catch {
      // the token is dropped here either way
    }
    clearSession();
    setSession(null);
  }, []);

  const value = useMemo<Auth>(() => ({ session, login, logout, can: (role) => allows(session?.role, role) }),
    [session, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) {
    throw new Error('useAuth outside AuthProvider');
  }
  return auth;
}
