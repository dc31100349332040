// The order of the cases in the queue last looked at, so that the case page
// can go to the next or previous one (j / k) as a person works down a queue.
const kKey = 'lingting.queueOrder';

export function rememberQueueOrder(ids: number[]): void {
  try {
    sessionStorage.setItem(kKey, JSON.stringify(ids));
  } catch {
    // storage unavailable: next/previous are simply not offered
  }
}

export function neighbourOf(id: number, step: 1 | -1): number | null {
  try {
    const ids: unknown = JSON.parse(sessionStorage.getItem(kKey) ?? '[]');
    if (!Array.isArray(ids)) return null;
    const index = ids.indexOf(id);
    if (index < 0) return null;
    const next: unknown = ids[index + step];
    return typeof next === 'number' ? next : null;
  } catch {
    return null;
  }
}
