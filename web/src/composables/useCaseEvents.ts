// The server's live-update stream (GET /api/v1/events): one EventSource for
// the whole console, shared by every page that wants to know when a case
// arrives or changes. On reconnecting, listeners are told to refetch, since
// the server does not replay what was missed.
import { reactive } from 'vue';

export interface CaseChange {
  case_id: number;
  number: string;
  action: string;
  version: number;
  at: string;
  actor_user_id: number | null;
}

type Listener = (change: CaseChange | null) => void;

/** A phone call the staff member is told of: it rings for them, was answered, ended, joined a case. */
export interface CallNotice {
  call_id: number;
  event: 'ringing' | 'answered' | 'ended' | 'linked';
}
type CallListener = (notice: CallNotice) => void;

/** Told that the user has a new notification (null after a reconnect: refetch). */
type NoticeListener = () => void;

const listeners = new Set<Listener>();
const callListeners = new Set<CallListener>();
const noticeListeners = new Set<NoticeListener>();
export const liveStatus = reactive({ connected: false });
let source: EventSource | null = null;
let everConnected = false;

function open(): void {
  source = new EventSource('/api/v1/events', { withCredentials: true });
  source.addEventListener('open', () => {
    liveStatus.connected = true;
    // After a drop, what changed meanwhile is unknown: everyone refetches.
    if (everConnected) {
      for (const listener of listeners) listener(null);
      for (const listener of noticeListeners) listener();
    }
    everConnected = true;
  });
  source.addEventListener('error', () => {
    liveStatus.connected = false;
  });
  source.addEventListener('case', (event) => {
    const change = JSON.parse((event as MessageEvent<string>).data) as CaseChange;
    for (const listener of listeners) listener(change);
  });
  source.addEventListener('notification', () => {
    for (const listener of noticeListeners) listener();
  });
  source.addEventListener('call', (event) => {
    const notice = JSON.parse((event as MessageEvent<string>).data) as CallNotice;
    for (const listener of callListeners) listener(notice);
  });
}

/** Calls `listener` for each call notice (the screen pop). Returns the unsubscribe. */
export function onCallNotice(listener: CallListener): () => void {
  callListeners.add(listener);
  if (!source) open();
  return () => callListeners.delete(listener);
}

/** Calls `listener` when the user has a new notification, and after a reconnect. Returns the unsubscribe. */
export function onNotificationNotice(listener: NoticeListener): () => void {
  noticeListeners.add(listener);
  if (!source) open();
  return () => noticeListeners.delete(listener);
}

/** Calls `listener` for each case change (null: refetch everything). Returns the unsubscribe. */
export function onCaseChange(listener: Listener): () => void {
  listeners.add(listener);
  if (!source) open();
  return () => listeners.delete(listener);
}

/** Closes the stream (on sign-out). */
export function closeCaseEvents(): void {
  source?.close();
  source = null;
  everConnected = false;
  liveStatus.connected = false;
}
