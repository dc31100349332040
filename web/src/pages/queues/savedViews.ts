// Views a user saved (a queue with its filters, under a name), kept in this
// browser for that user.
export interface SavedView {
  name: string;
  queue: string;
  query: Record<string, string>;
}

const key = (userId: number) => `lingting.views.${userId}`;

export function loadViews(storage: Storage, userId: number): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is SavedView => typeof v?.name === 'string' && typeof v?.queue === 'string') : [];
  } catch {
    return [];
  }
}

/** Saves a view; one of the same name is replaced. */
export function saveView(storage: Storage, userId: number, view: SavedView): SavedView[] {
  const views = loadViews(storage, userId).filter((v) => v.name !== view.name);
  views.push(view);
  views.sort((a, b) => a.name.localeCompare(b.name));
  storage.setItem(key(userId), JSON.stringify(views));
  return views;
}

export function deleteView(storage: Storage, userId: number, name: string): SavedView[] {
  const views = loadViews(storage, userId).filter((v) => v.name !== name);
  storage.setItem(key(userId), JSON.stringify(views));
  return views;
}
