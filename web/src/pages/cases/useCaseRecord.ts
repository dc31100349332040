// Everything the case page shows about one case, fetched together and
// refetched when the live-update stream says the case changed.
import { reactive } from 'vue';
import { api, ApiError, prefetch } from '@/api/client';
import type { CallInput, CustomerMessageInput, OutboxMessage, Page, SupplierCar } from '@/api/types';
import { useSession } from '@/composables/useSession';
import type { Action, PreventionReport, AvailableStep, Claim, ClaimDetail, Case, CaseEvent, CaseStep, Customer, Interaction, InteractionCreate, Items, QualityReport, StepInput } from '@/api/types';

export interface CaseRecord {
  loaded: boolean;
  problem: string;
  notFound: boolean;
  case: Case | null;
  customer: Customer | null;
  interactions: Interaction[];
  /** How each message to the customer went out (staff only). */
  outbox: OutboxMessage[];
  steps: CaseStep[];
  available: AvailableStep[];
  history: CaseEvent[];
  actions: Action[];
  report: QualityReport | null;
  prevention: PreventionReport | null;
  claims: ClaimDetail[];
  cars: SupplierCar[];
  related: Case[];
}

/** Each claim of the case with its decisions and who must decide now. */
async function claimsOf(path: string): Promise<ClaimDetail[]> {
  const claims = await api.get<Items<Claim>>(path);
  return Promise.all(claims.items.map((claim) => api.get<ClaimDetail>(`/api/v1/claims/${claim.id}`)));
}

/** The quality report, or null before the case has one. */
async function reportOf(base: string, found: Promise<Case>): Promise<QualityReport | null> {
  return (await found).has_quality_report ? api.get<QualityReport>(`${base}/quality-report`) : null;
}

/** The recurrence-prevention report with its actions, or null when none was opened. */
async function preventionOf(base: string, found: Promise<Case>): Promise<PreventionReport | null> {
  return (await found).has_prevention_report ? api.get<PreventionReport>(`${base}/prevention-report`) : null;
}

/** The reads of a case page that need nothing but the case's id. */
function caseReads(id: number) {
  const base = `/api/v1/cases/${id}`;
  return [base, `${base}/interactions`, `${base}/steps`, `${base}/transitions`, `${base}/actions`, `${base}/claims`, `${base}/supplier-cars`];
}

/** Starts a case page's reads while the page's code is still loading. */
export function prefetchCase(id: unknown): void {
  const number = Number(id);
  if (Number.isInteger(number) && number > 0) for (const path of caseReads(number)) prefetch(path);
}

export function useCaseRecord() {
  const record = reactive<CaseRecord>({
    loaded: false, problem: '', notFound: false, case: null, customer: null, interactions: [], outbox: [], steps: [], available: [], history: [],
    actions: [], report: null, prevention: null, claims: [], cars: [], related: [],
  });
  const { isStaff } = useSession();
  let current = 0;
  // The audit history is read once its tab is first shown: on a long case it
  // is as large as the timeline, and most visits never open it.
  let historyWanted = false;

  async function load(id: number): Promise<void> {
    const sameCase = id === current;
    if (!sameCase) historyWanted = false;
    current = id;
    try {
      const [base, interactionsPath, stepsPath, transitionsPath, actionsPath, claimsPath, carsPath] = caseReads(id);
      const caseRead = api.get<Case>(base!);
      // The customer and their other cases (related by who raised them), as
      // soon as the case says who the customer is.
      const customerRead = caseRead.then((found) =>
        Promise.all([
          api.get<Customer>(`/api/v1/customers/${found.customer_id}`).catch(() => null),
          api.get<Page<Case>>('/api/v1/cases', { query: { customer: found.customer_id, sort: '-received_at', limit: 11 } }),
        ]),
      );
      const [found, interactions, outbox, steps, available, history, actions, report, prevention, claims, cars, [customer, others]] = await Promise.all([
        caseRead,
        api.get<Items<Interaction>>(interactionsPath!),
        isStaff.value ? api.get<Items<OutboxMessage>>(`${base}/outbox`) : null,
        api.get<Items<CaseStep>>(stepsPath!),
        api.get<Items<AvailableStep>>(transitionsPath!),
        historyWanted ? api.get<Items<CaseEvent>>(`${base}/events`) : null,
        api.get<Items<Action>>(actionsPath!),
        reportOf(base!, caseRead),
        preventionOf(base!, caseRead),
        claimsOf(claimsPath!),
        api.get<Items<SupplierCar>>(carsPath!),
        customerRead,
      ]);
      if (id !== current) return;
      Object.assign(record, {
        loaded: true, problem: '', notFound: false, case: found, customer,
        interactions: interactions.items, outbox: outbox?.items ?? [], steps: steps.items, available: available.items, history: history?.items ?? (sameCase ? record.history : []),
        actions: actions.items, report, prevention, claims, cars: cars.items,
        related: others.items.filter((other) => other.id !== found.id).slice(0, 10),
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      record.loaded = true;
      record.notFound = error.status === 404;
      record.problem = error.describe();
    }
  }

  /** Reads the audit history now and with every reload after. */
  async function showHistory(): Promise<void> {
    if (historyWanted || !record.case) return;
    historyWanted = true;
    const id = record.case.id;
    const history = await api.get<Items<CaseEvent>>(`/api/v1/cases/${id}/events`);
    if (id === current) record.history = history.items;
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

  /** A message to the customer, sent through the outbox on its channel. */
  async function sendMessage(input: CustomerMessageInput): Promise<void> {
    if (!record.case) return;
    await api.post(`/api/v1/cases/${record.case.id}/messages`, input);
    await load(record.case.id);
  }

  /** A phone call on this case, with its recording. */
  async function recordCall(input: CallInput): Promise<void> {
    if (!record.case) return;
    await api.post('/api/v1/calls', { ...input, case_id: record.case.id });
    await load(record.case.id);
  }

  async function moveDeadline(target: string, move: { due_at: string; reason: string; customer_agreed: boolean }): Promise<void> {
    if (!record.case) return;
    await api.post(`/api/v1/cases/${record.case.id}/sla/${encodeURIComponent(target)}/deadline`, move);
    await load(record.case.id);
  }

  async function completeAction(id: number, evidence: string): Promise<void> {
    await api.post(`/api/v1/actions/${id}/done`, { evidence });
    if (record.case) await load(record.case.id);
  }

  async function verifyAction(id: number, effective: boolean, verification: string): Promise<void> {
    await api.post(`/api/v1/actions/${id}/verification`, { effective, verification });
    if (record.case) await load(record.case.id);
  }

  async function proposeClaim(input: { amount: string; currency: string; reason: string }): Promise<void> {
    await api.post(`/api/v1/cases/${record.case?.id}/claims`, input);
    if (record.case) await load(record.case.id);
  }

  async function decideClaim(id: number, verdict: 'approve' | 'reject', note: string): Promise<void> {
    await api.post(`/api/v1/claims/${id}/decisions`, note ? { verdict, note } : { verdict });
    if (record.case) await load(record.case.id);
  }

  async function askSupplier(input: { supplier_id: number; request: string }): Promise<void> {
    await api.post(`/api/v1/cases/${record.case?.id}/supplier-cars`, input);
    if (record.case) await load(record.case.id);
  }

  async function decideCar(id: number, verdict: 'accept' | 'return', note: string): Promise<void> {
    await api.post(`/api/v1/supplier-cars/${id}/decision`, note ? { verdict, note } : { verdict });
    if (record.case) await load(record.case.id);
  }

  /** A change to the case's recurrence-prevention report (`part`: '', 'actions', 'approval' or 'verification'). */
  async function changePrevention(part: '' | 'actions' | 'approval' | 'verification', body: object): Promise<void> {
    if (!record.case) return;
    await api.post(`/api/v1/cases/${record.case.id}/prevention-report${part ? `/${part}` : ''}`, body);
    await load(record.case.id);
  }

  async function previewLetter(reply: string): Promise<{ language: string; letter: string }> {
    return api.post(`/api/v1/cases/${record.case?.id}/feedback-letter/preview`, { reply });
  }

  return { record, load, showHistory, takeStep, addInteraction, sendMessage, recordCall, moveDeadline, completeAction, verifyAction, proposeClaim, decideClaim, askSupplier, decideCar, changePrevention, previewLetter };
}
