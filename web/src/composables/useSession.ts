// Who is signed in, their CSRF token and their language. One shared state
// for the whole console; pages read it, the sign-in page and the account page
// change it.
import { computed, reactive } from 'vue';
import { api, ApiError, setApiLanguage, setCsrfToken } from '@/api/client';
import type { Session, User } from '@/api/types';
import { i18n, isLocale, rememberLocale, type Locale } from '@/i18n';

interface SessionState {
  user: User | null;
  checked: boolean;
}

const state = reactive<SessionState>({ user: null, checked: false });

export function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  rememberLocale(locale);
  document.documentElement.lang = locale;
  setApiLanguage(locale, i18n.global.t('app.unreachable'));
}

function adopt(session: Session): void {
  state.user = session.user ?? null;
  setCsrfToken(session.csrf_token ?? '');
  if (state.user && isLocale(state.user.locale)) applyLocale(state.user.locale);
}

/** Asks the server whether a session cookie is still good (once per page load). */
export async function restoreSession(): Promise<User | null> {
  if (state.checked) return state.user;
  // Signing in sets the (script-readable) lt_csrf cookie beside the session
  // cookie and signing out clears it: without it there is no session to ask about.
  if (!document.cookie.split(/;\s*/).some((c) => c.startsWith('lt_csrf='))) {
    state.checked = true;
    state.user = null;
    return null;
  }
  try {
    adopt(await api.get<Session>('/api/v1/session'));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    state.user = null;
  } finally {
    state.checked = true;
  }
  return state.user;
}

export async function signIn(email: string, password: string): Promise<User | null> {
  adopt(await api.post<Session>('/api/v1/session', { email, password }));
  state.checked = true;
  return state.user;
}

/** A customer signs in (or up) to the portal with the code sent to their address. */
export async function signInWithCode(address: string, code: string, name: string): Promise<User | null> {
  const body: Record<string, string> = { address, code };
  if (name) body.name = name;
  adopt(await api.post<Session>('/api/v1/portal/session', body));
  state.checked = true;
  return state.user;
}

export async function signOut(): Promise<void> {
  try {
    await api.delete('/api/v1/session');
  } finally {
    forgetSession();
  }
}

/** The server said the session ended (401): forget it without asking. */
export function forgetSession(): void {
  state.user = null;
  setCsrfToken('');
}

export async function updateOwnAccount(patch: { name?: string; locale?: Locale; password?: string }): Promise<User> {
  if (!state.user) throw new Error('not signed in');
  const user = await api.patch<User>(`/api/v1/users/${state.user.id}`, patch);
  state.user = user;
  if (isLocale(user.locale)) applyLocale(user.locale);
  return user;
}

export function useSession() {
  return {
    user: computed(() => state.user),
    role: computed(() => state.user?.role ?? null),
    // Everyone but a portal customer is staff (domain::IsStaff).
    isStaff: computed(() => !!state.user && state.user.role !== 'customer'),
    isAdmin: computed(() => state.user?.role === 'admin'),
  };
}
