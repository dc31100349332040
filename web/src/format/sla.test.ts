import { describe, expect, test } from 'vitest';
import { countedBetween, readClock } from './sla';

const at = (text: string) => new Date(text).getTime();
const hours = (n: number) => n * 3600_000;

describe('an SLA countdown', () => {
  // Read on Friday 2026-10-09 at 16:00 in Shanghai (08:00Z): 1.5 working
  // hours left that day, none on the weekend, 2 more on Monday to 10:30.
  const timeLeft = {
    as_of: '2026-10-09T08:00:00Z',
    remaining_ms: hours(3.5),
    spans: [
      { from: '2026-10-09T08:00:00Z', to: '2026-10-09T09:30:00Z' },
      { from: '2026-10-12T00:30:00Z', to: '2026-10-12T02:30:00Z' },
    ],
  };
  const due = '2026-10-12T02:30:00Z';
  const clock = { state: 'running' as const, due_at: due, warn_at: null, time_left: timeLeft };

  test('counts down only inside the stretches that count', () => {
    expect(readClock(clock, at('2026-10-09T08:00:00Z'))).toEqual({ state: 'running', remainingMs: hours(3.5), working: true });
    expect(readClock(clock, at('2026-10-09T09:00:00Z')).remainingMs).toBe(hours(2.5));
    // Over the weekend it does not move.
    expect(readClock(clock, at('2026-10-10T08:00:00Z')).remainingMs).toBe(hours(2));
    expect(readClock(clock, at('2026-10-11T20:00:00Z')).remainingMs).toBe(hours(2));
    expect(readClock(clock, at('2026-10-12T01:30:00Z')).remainingMs).toBe(hours(1));
    expect(countedBetween(timeLeft.spans, at('2026-10-09T09:00:00Z'), at('2026-10-12T01:00:00Z'))).toBe(hours(1));
  });

  test('a clock in calendar time counts all time and does not say working time', () => {
    const calendarTime = { as_of: '2026-10-09T08:00:00Z', remaining_ms: hours(66.5), spans: [{ from: '2026-10-09T08:00:00Z', to: due }] };
    const reading = readClock({ ...clock, time_left: calendarTime }, at('2026-10-10T08:00:00Z'));
    expect(reading).toEqual({ state: 'running', remainingMs: hours(42.5), working: false });
    // Without figures from the server, wall time.
    expect(readClock({ ...clock, time_left: null }, at('2026-10-12T00:30:00Z')).remainingMs).toBe(hours(2));
  });

  test('warns after its warning time, and is breached after its due time', () => {
    const warned = { ...clock, warn_at: '2026-10-12T01:30:00Z' };
    expect(readClock(warned, at('2026-10-12T01:00:00Z')).state).toBe('running');
    expect(readClock(warned, at('2026-10-12T01:45:00Z')).state).toBe('warning');
    const late = readClock(warned, at('2026-10-12T03:00:00Z'));
    expect(late.state).toBe('breached');
    expect(late.remainingMs).toBe(-30 * 60_000);
  });

  test('a met clock and a paused clock say so', () => {
    expect(readClock({ state: 'met', due_at: due, warn_at: null }, at(due)).state).toBe('met');
    const paused = readClock({ state: 'paused', due_at: due, warn_at: null, time_left: { ...timeLeft, remaining_ms: hours(1) } }, at('2026-10-10T08:00:00Z'));
    expect(paused).toEqual({ state: 'paused', remainingMs: hours(1), working: true });
  });
});
