import type { IssuedToken, Role } from '../api/types';

/** The signed-in user, kept in localStorage so a refresh or a second tab stays signed in until the token expires. */
export interface Session {
  token: string;
  username: string;
  role: Role;
  expiresAt: string;
}

const KEY = 'portal.session';
const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

export function loadSession(now: Date = new Date()): Session | null {
  const text = localStorage.getItem(KEY);
  if (!text) {
    return null;
  }
  try {
    const session = JSON.parse(text) as Session;
    return new Date(session.expiresAt) > now ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(issued: IssuedToken): Session {
  const session: Session = { token: issued.token, username: issued.username, role: issued.role, expiresAt: issued.expiresAt };
  localStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

/** viewer < operator < admin: does {@code role} include what {@code needed} may do? */
export function allows(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}
