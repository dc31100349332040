// Reference data many pages name things by: the workflow's states, the
// departments, the category tree and the staff. Fetched once per sign-in and
// language, shared by every page.
import { reactive } from 'vue';
import { api, ApiError } from '@/api/client';
import type { Category, Department, Items } from '@/api/types';
import type { components } from '@/api/schema';

export type Workflow = components['schemas']['Workflow'];
export type WorkflowState = Workflow['states'][number];
export interface StaffMember {
  id: number;
  name: string;
  role: string;
  department_ids: number[];
  active: boolean;
}

interface LookupState {
  loadedFor: string;
  workflow: Workflow | null;
  departments: Department[];
  categories: Category[];
  staff: StaffMember[];
}

const state = reactive<LookupState>({ loadedFor: '', workflow: null, departments: [], categories: [], staff: [] });
let loading: Promise<void> | null = null;

async function orEmpty<T>(promise: Promise<Items<T>>): Promise<T[]> {
  try {
    return (await promise).items;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return [];
    throw error;
  }
}

/** Loads the lookups for this user and language (again only when either changed). */
export function loadLookups(key: string): Promise<void> {
  if (state.loadedFor === key) return Promise.resolve();
  if (loading) return loading;
  loading = (async () => {
    const [workflow, departments, categories, staff] = await Promise.all([
      api.get<Workflow>('/api/v1/admin/workflow'),
      orEmpty(api.get<Items<Department>>('/api/v1/departments')),
      orEmpty(api.get<Items<Category>>('/api/v1/categories')),
      orEmpty(api.get<Items<StaffMember>>('/api/v1/staff')),
    ]);
    Object.assign(state, { workflow, departments, categories, staff, loadedFor: key });
  })().finally(() => (loading = null));
  return loading;
}

/** After an administrator changed the organisation: the next load fetches again. */
export function forgetLookups(): void {
  state.loadedFor = '';
}

export function useLookups() {
  return {
    lookups: state,
    stateName: (code: string | null | undefined) =>
      state.workflow?.states.find((s) => s.code === code)?.name ?? code ?? '',
    stateKind: (code: string) => state.workflow?.states.find((s) => s.code === code)?.kind ?? 'open',
    openStates: () => (state.workflow?.states ?? []).filter((s) => s.kind === 'open' || s.kind === 'waiting').map((s) => s.code),
    departmentName: (id: number | null | undefined) => state.departments.find((d) => d.id === id)?.name ?? '',
    categoryName: (id: number | null | undefined) => state.categories.find((c) => c.id === id)?.name ?? '',
    staffName: (id: number | null | undefined) => (id ? (state.staff.find((s) => s.id === id)?.name ?? `#${id}`) : ''),
  };
}
