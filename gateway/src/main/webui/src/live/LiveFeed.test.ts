import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './LiveFeed';

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
