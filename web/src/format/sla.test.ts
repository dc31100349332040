import { describe, expect, test } from 'vitest';
import { readClock, workingMsLeft } from './sla';

const at = (text: string) => new Date(text).getTime();

describe('an SLA countdown', () => {
  // Friday 2026-10-09, 16:00 in Shanghai: 1.5 working hours left that day,
  // none on the weekend, due Monday 10:30 after 2 more.
  const periods = [
    { from: '2026-10-09T00:30:00Z', to: '2026-10-09T04:00:00Z' },
    { from: '2026-10-09T05:00:00Z', to: '2026-10-09T09:30:00Z' },
    { from: '2026-10-12T00:30:00Z', to: '2026-10-12T04:00:00Z' },
  ];
  const due = '2026-10-12T02:30:00Z';

  test('counts only working time where the clock runs on a calendar', () => {
    const now = at('2026-10-09T08:00:00Z');
    expect(workingMsLeft(periods, now, at(due))).toBe(3.5 * 3600_000);
    // Over the weekend it does not move.
    expect(workingMsLeft(periods, at('2026-10-10T08:00:00Z'), at(due))).toBe(2 * 3600_000);
    expect(workingMsLeft(periods, at('2026-10-11T20:00:00Z'), at(due))).toBe(2 * 3600_000);
    const reading = readClock({ state: 'running', due_at: due, warn_at: null, working_periods: periods }, now);
    expect(reading).toEqual({ state: 'running', remainingMs: 3.5 * 3600_000, working: true });
  });

  test('warns after its warning time, and is breached after its due time', () => {
    const clock = { state: 'running' as const, due_at: due, warn_at: '2026-10-12T01:30:00Z' };
    expect(readClock(clock, at('2026-10-12T01:00:00Z')).state).toBe('running');
    expect(readClock(clock, at('2026-10-12T01:45:00Z')).state).toBe('warning');
    const late = readClock(clock, at('2026-10-12T03:00:00Z'));
    expect(late.state).toBe('breached');
    expect(late.remainingMs).toBe(-30 * 60_000);
  });

  test('a met clock and a paused clock say so', () => {
    expect(readClock({ state: 'met', due_at: due, warn_at: null }, at(due)).state).toBe('met');
    const paused = readClock({ state: 'paused', due_at: due, warn_at: null, remaining_ms: 3600_000 }, at('2026-10-09T08:00:00Z'));
    expect(paused).toEqual({ state: 'paused', remainingMs: 3600_000, working: false });
  });
});
