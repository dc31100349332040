// A queue view as the URL holds it: which queue, the filters, the search and
// the sort. Turning it into the API's query parameters and back lives here so
// that saved views, links and the page agree.
import type { LocationQuery } from 'vue-router';
import { prefetch } from '@/api/client';

export const kQueues = ['mine', 'department', 'unassigned', 'breaching', 'breached', 'all'] as const;
export type QueueName = (typeof kQueues)[number];

export interface QueueFilters {
  q: string;
  status: string[];
  type: string[];
  urgency: string;
  origin_class: string;
  category: string;
  product: string;
  customer: string;
  department: string;
  channel: string[];
  received_from: string;
  received_to: string;
  sort: string;
}

export const kDefaultSort = 'sla_due_at';

export function emptyFilters(): QueueFilters {
  return {
    q: '', status: [], type: [], urgency: '', origin_class: '', category: '', product: '', customer: '', department: '',
    channel: [], received_from: '', received_to: '', sort: kDefaultSort,
  };
}

function one(value: LocationQuery[string]): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function list(value: LocationQuery[string]): string[] {
  return one(value).split(',').filter(Boolean);
}

export function isQueue(value: unknown): value is QueueName {
  return typeof value === 'string' && (kQueues as readonly string[]).includes(value);
}

export function filtersFromQuery(query: LocationQuery): QueueFilters {
  return {
    q: one(query.q),
    status: list(query.status),
    type: list(query.type),
    urgency: one(query.urgency),
    origin_class: one(query.origin_class),
    category: one(query.category),
    product: one(query.product),
    customer: one(query.customer),
    department: one(query.department),
    channel: list(query.channel),
    received_from: one(query.received_from),
    received_to: one(query.received_to),
    sort: one(query.sort) || kDefaultSort,
  };
}

/** The URL query of a view: only what differs from the defaults. */
export function queryFromFilters(filters: QueueFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) {
    const text = Array.isArray(value) ? value.join(',') : value.trim();
    if (!text || (name === 'sort' && text === kDefaultSort)) continue;
    query[name] = text;
  }
  return query;
}

/** Rows a queue page loads at first, and with each "load more". */
export const kQueuePageSize = 50;

/** The parameters of GET /api/v1/cases for a queue view. */
export function apiParams(queue: QueueName, filters: QueueFilters, cursor: string | null, limit: number) {
  return { queue, ...queryFromFilters(filters), sort: filters.sort, cursor: cursor ?? undefined, limit };
}

export function activeFilterCount(filters: QueueFilters): number {
  const { q: _q, sort: _sort, ...rest } = filters;
  return Object.values(rest).filter((v) => (Array.isArray(v) ? v.length > 0 : v !== '')).length;
}

/** Starts fetching a queue's first rows while its page is being loaded. */
export function prefetchQueueRows(queue: unknown, query: LocationQuery): void {
  if (isQueue(queue)) prefetch('/api/v1/cases', apiParams(queue, filtersFromQuery(query), null, kQueuePageSize));
}
