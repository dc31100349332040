// What the portal tells a customer about where their case is: not the
// internal steps but five stages, from the kind of the workflow state.
import { api } from '@/api/client';
import type { components } from '@/api/schema';

export type PortalStates = components['schemas']['PortalStates'];
export type Stage = 'received' | 'in_progress' | 'waiting' | 'resolved' | 'closed';

export function stageOf(status: string | undefined, states: PortalStates | null): Stage {
  if (!states || !status || status === states.initial_state) return 'received';
  const kind = states.states.find((state) => state.code === status)?.kind;
  if (kind === 'waiting') return 'waiting';
  if (kind === 'resolved') return 'resolved';
  if (kind === 'closed') return 'closed';
  return 'in_progress';
}

export function stageTagType(stage: Stage): 'primary' | 'warning' | 'success' | 'info' {
  if (stage === 'waiting') return 'warning';
  if (stage === 'resolved') return 'success';
  if (stage === 'closed') return 'info';
  return 'primary';
}

let loaded: Promise<PortalStates> | null = null;
/** The workflow's states, read once per page load. */
export function loadPortalStates(): Promise<PortalStates> {
  loaded ??= api.get<PortalStates>('/api/v1/portal/states').catch((error: unknown) => {
    loaded = null;
    throw error;
  });
  return loaded;
}
