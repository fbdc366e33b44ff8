import { describe, expect, it } from 'vitest';
import { mergeLines } from './logLines';
import type { LogLine } from '../api/types';

const line = (id: number): LogLine => ({ id, deploymentId: 'd', at: '2026-11-25T01:00:00Z', level: 'info', step: 's', message: `line ${id}` });

describe('mergeLines', () => {
  it('shows each line once in the order written, whether fetched, pushed live, or both', () => {
    expect(mergeLines([line(1), line(2), line(3)], [line(3), line(5), line(4)]).map((l) => l.id)).toEqual([1, 2, 3, 4, 5]);
  });
});
