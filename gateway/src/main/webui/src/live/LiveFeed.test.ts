import { describe, expect, it } from 'vitest';
import { reconnectDelay, retain } from './LiveFeed';

describe('reconnectDelay', () => {
  it('doubles from one second and stops growing at thirty', () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => reconnectDelay(attempt, noJitter)))
      .toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('adds at most a fifth as jitter so clients do not reconnect in step', () => {
    expect(reconnectDelay(2, () => 0.999)).toBeLessThanOrEqual(4800);
    expect(reconnectDelay(2, () => 0.5)).toBe(4400);
  });
});

describe('retain', () => {
  const message = (type: string, id: number) => ({ type, id: String(id), data: null, time: '2026-11-25T01:00:00Z', event: 'e' });

  it('keeps the newest 200 metric collections apart from the newest 200 other messages', () => {
    const flood = Array.from({ length: 500 }, (_, i) => message('monitoring-updated', i));
    const kept = retain([message('environment-updated', -1), ...flood, message('deployment-log', -2)]);

    expect(kept.filter((m) => m.type === 'monitoring-updated')).toHaveLength(200);
    expect(kept.map((m) => m.type)).toContain('environment-updated');
    expect(kept.map((m) => m.type)).toContain('deployment-log');
    expect(kept[0].type).toBe('environment-updated');
  });
});
