// The one way the console talks to Lingting's JSON API. It sends the
// session's CSRF token on changes, asks for answers in the reader's language
// and turns problem+json into an ApiError whose message the user can read.
import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
export type FieldError = NonNullable<Problem['errors']>[number];

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds to wait before trying again (429), from Retry-After. */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem, retryAfter: number | null = null) {
    super(problem.detail || problem.title);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The server's messages for each offending field, by field path. */
  fieldMessages(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      byField[error.field] = byField[error.field] ? `${byField[error.field]}; ${error.message}` : error.message;
    }
    return byField;
  }

  /**
   * Everything the server said, in one sentence a person can read; each
   * field's message is prefixed with its label on the form when `labelOf`
   * knows it ("备注: 必填").
   */
  describe(labelOf?: (field: string) => string | undefined): string {
    const fields = (this.problem.errors ?? []).map((e) => {
      const label = labelOf?.(e.field);
      return label ? `${label}: ${e.message}` : e.message;
    });
    const head = this.problem.detail || this.problem.title;
    return fields.length > 0 ? `${head}: ${fields.join('; ')}` : head;
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

interface ClientState {
  csrfToken: string;
  language: string;
  unreachableMessage: string;
  onUnauthorized: (() => void) | null;
}

const state: ClientState = {
  csrfToken: '',
  language: 'zh-CN',
  unreachableMessage: 'The server cannot be reached.',
  onUnauthorized: null,
};

export function setCsrfToken(token: string): void {
  state.csrfToken = token;
}

/** The language the server writes its problem messages in. */
export function setApiLanguage(language: string, unreachableMessage: string): void {
  state.language = language;
  state.unreachableMessage = unreachableMessage;
}

/** Called when a request answers 401 after sign-in: the session has ended. */
export function onUnauthorized(handler: () => void): void {
  state.onUnauthorized = handler;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const kChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': state.language, ...options.headers };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (kChanging.has(method) && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { type: 'about:blank', title: state.unreachableMessage, status: 0, code: 'error.unreachable' });
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  const payload: unknown = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const problem: Problem =
      typeof payload === 'object' && payload !== null && 'title' in payload
        ? (payload as Problem)
        : { type: 'about:blank', title: response.statusText || String(response.status), status: response.status, code: 'error.http' };
    if (response.status === 401 && path !== '/api/v1/session') state.onUnauthorized?.();
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(response.status, problem, Number.isFinite(retryAfter) ? retryAfter : null);
  }
  return payload as T;
}

// GETs started before the page that needs them is loaded: the router starts
// a page's first request while the page's code is still being fetched. The
// page's own get of the same URL takes the answer over, once, if still fresh.
const kPrefetchFreshMs = 5000;
const prefetched = new Map<string, { at: number; answer: Promise<unknown> }>();

export function prefetch(path: string, query?: RequestOptions['query']): void {
  // Answers no page took (the reader went elsewhere) are let go.
  for (const [url, early] of prefetched) if (Date.now() - early.at >= kPrefetchFreshMs) prefetched.delete(url);
  const answer = request<unknown>('GET', path, { query });
  answer.catch(() => undefined); // the page's get sees the failure
  prefetched.set(buildUrl(path, query), { at: Date.now(), answer });
}

function get<T>(path: string, options?: RequestOptions): Promise<T> {
  const url = buildUrl(path, options?.query);
  const early = prefetched.get(url);
  if (early) {
    prefetched.delete(url);
    if (!options?.signal && !options?.headers && Date.now() - early.at < kPrefetchFreshMs) return early.answer as Promise<T>;
  }
  return request<T>('GET', path, options);
}

export const api = {
  get,
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
