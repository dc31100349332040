// How an SLA clock reads at a given moment: its state for colouring and the
// time left or overdue. Where the clock runs on a business calendar the
// server sends the working periods up to the due time, and time left counts
// only inside them (the clock does not run at night or on holidays).
import type { SlaClock } from '@/api/types';

export type SlaShownState = 'running' | 'warning' | 'paused' | 'breached' | 'met';

export interface Period {
  from: string;
  to: string;
}

export type ClockReading = {
  state: SlaShownState;
  /** Time left (positive) or overdue (negative); 0 for a met clock. */
  remainingMs: number;
  /** Whether remainingMs counts working time only. */
  working: boolean;
};

type ClockInput = Pick<SlaClock, 'state' | 'due_at' | 'warn_at'> & {
  working_periods?: Period[] | null;
  remaining_ms?: number | null;
};

/** Working time between now and due, counting only the given periods. */
export function workingMsLeft(periods: Period[], now: number, due: number): number {
  let total = 0;
  for (const period of periods) {
    const from = Math.max(new Date(period.from).getTime(), now);
    const to = Math.min(new Date(period.to).getTime(), due);
    if (to > from) total += to - from;
  }
  return total;
}

export function readClock(clock: ClockInput, now: number): ClockReading {
  const due = new Date(clock.due_at).getTime();
  if (clock.state === 'met') return { state: 'met', remainingMs: 0, working: false };
  if (clock.state === 'paused') {
    return { state: 'paused', remainingMs: clock.remaining_ms ?? Math.max(due - now, 0), working: false };
  }
  if (clock.state === 'breached' || now >= due) return { state: 'breached', remainingMs: -(now - due), working: false };
  const warning = clock.warn_at ? now >= new Date(clock.warn_at).getTime() : false;
  const periods = clock.working_periods;
  if (periods && periods.length > 0) {
    return { state: warning ? 'warning' : 'running', remainingMs: workingMsLeft(periods, now, due), working: true };
  }
  return { state: warning ? 'warning' : 'running', remainingMs: due - now, working: false };
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
