// Keyboard shortcuts: pages register the keys they answer while they are
// shown; `?` lists whatever is registered at the moment. Keys typed into a
// field are the field's, never a shortcut.
import { onBeforeUnmount, onMounted, reactive } from 'vue';

export interface Shortcut {
  key: string;
  /** i18n key of what the shortcut does. */
  label: string;
  run: () => void;
}

const registered = reactive<Shortcut[]>([]);

export function registeredShortcuts(): readonly Shortcut[] {
  return registered;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): Shortcut | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return undefined;
  // The most recently registered wins, so a page can take over a key.
  for (let i = registered.length - 1; i >= 0; i--) {
    if (registered[i]!.key === event.key) return registered[i];
  }
  return undefined;
}

function onKey(event: KeyboardEvent) {
  const shortcut = shortcutFor(event);
  if (!shortcut) return;
  event.preventDefault();
  shortcut.run();
}

let listeners = 0;

/** Registers shortcuts for as long as the calling component is mounted. */
export function useShortcuts(shortcuts: Shortcut[]): void {
  onMounted(() => {
    registered.push(...shortcuts);
    if (listeners++ === 0) window.addEventListener('keydown', onKey);
  });
  onBeforeUnmount(() => {
    for (const shortcut of shortcuts) {
      const index = registered.indexOf(shortcut);
      if (index >= 0) registered.splice(index, 1);
    }
    if (--listeners === 0) window.removeEventListener('keydown', onKey);
  });
}
