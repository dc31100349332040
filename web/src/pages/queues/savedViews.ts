// Views a user saved (a queue with its filters, under a name): kept by the
// server for them (GET /api/v1/views), or shared with one of their
// departments, whose members then find them too.
import { api } from '@/api/client';
import type { Items } from '@/api/types';
import type { components } from '@/api/schema';

export type SavedView = components['schemas']['SavedView'];
export interface SavedViewInput {
  name: string;
  queue: string;
  query: Record<string, string>;
  department_id: number | null;
}

export async function listViews(): Promise<SavedView[]> {
  return (await api.get<Items<SavedView>>('/api/v1/views')).items;
}

/** Saves a view; the user's own view of the same name is replaced. */
export async function saveView(views: SavedView[], input: SavedViewInput): Promise<void> {
  const body = { name: input.name, queue: input.queue, query: new URLSearchParams(input.query).toString(), department_id: input.department_id };
  const same = views.find((view) => view.mine && view.name === input.name);
  if (same) await api.put(`/api/v1/views/${same.id}`, body);
  else await api.post('/api/v1/views', body);
}

export async function deleteView(view: SavedView): Promise<void> {
  await api.delete(`/api/v1/views/${view.id}`);
}

/** The URL query of a view (as the queue page reads its filters). */
export function viewQuery(view: SavedView): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(view.query));
}
