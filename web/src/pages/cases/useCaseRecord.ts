// Everything the case page shows about one case, fetched together and
// refetched when the live-update stream says the case changed.
import { reactive } from 'vue';
import { api, ApiError } from '@/api/client';
import type { AvailableStep, Case, CaseEvent, CaseStep, Customer, Interaction, InteractionCreate, Items, StepInput } from '@/api/types';

export interface CaseRecord {
  loaded: boolean;
  problem: string;
  notFound: boolean;
  case: Case | null;
  customer: Customer | null;
  interactions: Interaction[];
  steps: CaseStep[];
  available: AvailableStep[];
  history: CaseEvent[];
}

export function useCaseRecord() {
  const record = reactive<CaseRecord>({
    loaded: false, problem: '', notFound: false, case: null, customer: null, interactions: [], steps: [], available: [], history: [],
  });
  let current = 0;

  async function load(id: number): Promise<void> {
    current = id;
    try {
      const base = `/api/v1/cases/${id}`;
      const [found, interactions, steps, available, history] = await Promise.all([
        api.get<Case>(base),
        api.get<Items<Interaction>>(`${base}/interactions`),
        api.get<Items<CaseStep>>(`${base}/steps`),
        api.get<Items<AvailableStep>>(`${base}/transitions`),
        api.get<Items<CaseEvent>>(`${base}/events`),
      ]);
      if (id !== current) return;
      const customer = await api.get<Customer>(`/api/v1/customers/${found.customer_id}`).catch(() => null);
      Object.assign(record, {
        loaded: true, problem: '', notFound: false, case: found, customer,
        interactions: interactions.items, steps: steps.items, available: available.items, history: history.items,
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      record.loaded = true;
      record.notFound = error.status === 404;
      record.problem = error.describe();
    }
  }

  async function takeStep(input: StepInput): Promise<void> {
    if (!record.case) return;
    await api.post(`/api/v1/cases/${record.case.id}/transitions`, input, {
      headers: { 'If-Match': `"${record.case.version}"` },
    });
    await load(record.case.id);
  }

  async function addInteraction(input: InteractionCreate): Promise<void> {
    if (!record.case) return;
    await api.post(`/api/v1/cases/${record.case.id}/interactions`, input);
    await load(record.case.id);
  }

  async function moveDeadline(target: string, move: { due_at: string; reason: string; customer_agreed: boolean }): Promise<void> {
    if (!record.case) return;
    await api.post(`/api/v1/cases/${record.case.id}/sla/${encodeURIComponent(target)}/deadline`, move);
    await load(record.case.id);
  }

  return { record, load, takeStep, addInteraction, moveDeadline };
}
