// How an SLA clock reads at a given moment: its state for colouring and the
// time left or overdue. The server sends, for a running clock, the time left
// as the clock counts it (working hours, working days or calendar time) and
// the stretches ahead that count; the countdown goes on from there without
// asking again, standing still at lunch, at night and on holidays.
import type { SlaClock } from '@/api/types';

export type SlaShownState = 'running' | 'warning' | 'paused' | 'breached' | 'met';

export interface Span {
  from: string;
  to: string;
}

export interface TimeLeft {
  as_of: string;
  remaining_ms: number;
  spans: Span[];
}

export type ClockReading = {
  state: SlaShownState;
  /** Time left (positive) or overdue (negative); 0 for a met clock. */
  remainingMs: number;
  /** Whether remainingMs counts working time only. */
  working: boolean;
};

type ClockInput = Pick<SlaClock, 'state' | 'due_at' | 'warn_at'> & { time_left?: TimeLeft | null };

/** The time within `spans` between `from` and `to`. */
export function countedBetween(spans: readonly Span[], from: number, to: number): number {
  let total = 0;
  for (const span of spans) {
    const begin = Math.max(new Date(span.from).getTime(), from);
    const end = Math.min(new Date(span.to).getTime(), to);
    if (end > begin) total += end - begin;
  }
  return total;
}

/** Whether the clock counts less than all time (working hours or days). */
function countsWorkingTime(left: TimeLeft, due: number): boolean {
  return left.remaining_ms !== due - new Date(left.as_of).getTime();
}

export function readClock(clock: ClockInput, now: number): ClockReading {
  const due = new Date(clock.due_at).getTime();
  const left = clock.time_left;
  if (clock.state === 'met') return { state: 'met', remainingMs: 0, working: false };
  if (clock.state === 'paused') {
    return left
      ? { state: 'paused', remainingMs: left.remaining_ms, working: countsWorkingTime(left, due) }
      : { state: 'paused', remainingMs: Math.max(due - now, 0), working: false };
  }
  if (clock.state === 'breached' || now >= due) return { state: 'breached', remainingMs: -(now - due), working: false };
  const warning = clock.warn_at ? now >= new Date(clock.warn_at).getTime() : false;
  const state = warning ? 'warning' : 'running';
  if (!left) return { state, remainingMs: due - now, working: false };
  const asOf = new Date(left.as_of).getTime();
  const used = now > asOf ? countedBetween(left.spans, asOf, now) : 0;
  return { state, remainingMs: Math.max(left.remaining_ms - used, 0), working: countsWorkingTime(left, due) };
}

/** The tag type Element Plus colours each state with. */
export function slaTagType(state: SlaShownState): 'primary' | 'warning' | 'info' | 'danger' | 'success' {
  switch (state) {
    case 'running':
      return 'primary';
    case 'warning':
      return 'warning';
    case 'paused':
      return 'info';
    case 'breached':
      return 'danger';
    case 'met':
      return 'success';
  }
}
