// Interactions and workflow steps on one time line, oldest first.
import type { CaseStep, Interaction } from '@/api/types';

export type TimelineEntry =
  | { kind: 'interaction'; key: string; at: number; item: Interaction }
  | { kind: 'step'; key: string; at: number; item: CaseStep };

export function mergeTimeline(interactions: readonly Interaction[], steps: readonly CaseStep[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...interactions.map((item) => ({ kind: 'interaction' as const, key: `i${item.id}`, at: Date.parse(item.occurred_at ?? ''), item })),
    ...steps.map((item) => ({ kind: 'step' as const, key: `s${item.id}`, at: Date.parse(item.at), item })),
  ];
  // Stable: at the same instant an interaction comes before the step it explains.
  return entries.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'interaction' ? -1 : 1));
}
