import type { LogLine } from '../api/types';

/** The lines of both sources once each, in the order the deployment wrote them (ids grow). */
export function mergeLines(fetched: LogLine[], pushed: LogLine[]): LogLine[] {
  const byId = new Map<number, LogLine>();
  [...fetched, ...pushed].forEach((line) => byId.set(line.id, line));
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export const FINISHED = new Set(['completed', 'failed', 'rolled_back']);
