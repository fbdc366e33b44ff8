import { clearSession, loadSession } from '../auth/session';
import type { Problem } from './types';

/** A failed API call, carrying the problem+json the services answer with. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.status = problem.status;
    this.problem = problem;
  }
}

/** Called when the gateway says the token is no longer good (401), so the app can send the user to the login view. */
let onUnauthorized: () => void = () => {};

export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/** The gateway no longer accepts the session's token (expired or logged out elsewhere): back to the login view. */
export function sessionEnded(): void {
  clearSession();
  onUnauthorized();
}

export function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return body === undefined
    ? send<T>(method, path)
    : send<T>(method, path, JSON.stringify(body), 'application/json');
}

/** Sends a multipart form (a file upload); the browser sets the Content-Type with its boundary. */
export function upload<T>(path: string, form: FormData, method = 'POST'): Promise<T> {
  return send<T>(method, path, form);
}

/** One call through the gateway: the session's token, problem+json on failure, and a sign-out on 401. */
async function send<T>(method: string, path: string, body?: BodyInit, contentType?: string): Promise<T> {
  const session = loadSession();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (session) {
    headers.Authorization = `Bearer ${session.token}`;
  }
  if (contentType) {
    headers['Content-Type'] = contentType;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body });
  } catch (e) {
    throw new ApiError({ status: 0, title: 'Network error', detail: `The gateway cannot be reached (${String(e)})` });
  }
  const text = await response.text();
  if (!response.ok) {
    if (response.status === 401 && session && !path.endsWith('/login')) {
      sessionEnded();
    }
    throw new ApiError(problemOf(response.status, text));
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

function problemOf(status: number, text: string): Problem {
  try {
    const parsed = JSON.parse(text) as Problem;
    return { ...parsed, status: parsed.status || status };
  } catch {
    return { status, title: `HTTP ${status}`, detail: text || undefined };
  }
}

export const get = <T>(path: string) => api<T>('GET', path);

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  });
  const text = search.toString();
  return text ? `?${text}` : '';
}
