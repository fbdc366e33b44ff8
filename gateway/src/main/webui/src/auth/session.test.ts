import { describe, expect, it } from 'vitest';
import { allows, loadSession, saveSession } from './session';

describe('session', () => {
  it('ranks roles viewer < operator < admin', () => {
    expect(allows('viewer', 'operator')).toBe(false);
    expect(allows('operator', 'operator')).toBe(true);
    expect(allows('admin', 'operator')).toBe(true);
    expect(allows('operator', 'admin')).toBe(false);
    expect(allows(undefined, 'viewer')).toBe(false);
  });

  it('forgets a session whose token has expired', () => {
    saveSession({ token: 't', tokenType: 'Bearer', expiresAt: '2030-01-01T00:00:00Z', username: 'ops', role: 'operator' });
    expect(loadSession(new Date('2029-12-31T23:59:00Z'))?.username).toBe('ops');
    expect(loadSession(new Date('2030-01-01T00:00:01Z'))).toBeNull();
  });
});
