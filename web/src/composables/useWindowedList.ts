// A long list drawn in part: only the items near the visible part of the page
// are in the DOM, the others are space of their measured (or estimated)
// height. Short lists are drawn whole, so that the browser's own find and
// the tests read every item.
import { computed, onBeforeUnmount, onMounted, reactive, ref, type Ref } from 'vue';
import { windowOf } from './windowedList';

export interface WindowedListOptions {
  /** Height assumed for an item not drawn yet, gap included (pixels). */
  estimate: number;
  /** Space between items (pixels), counted with each item. */
  gap: number;
  /** Pixels drawn beyond the visible part, above and below. */
  overscan: number;
  /** Lists of at most this many items are drawn whole. */
  threshold: number;
}

export function useWindowedList<T>(items: Ref<readonly T[]>, keyOf: (item: T) => string, options: WindowedListOptions) {
  const list = ref<HTMLElement | null>(null);
  const heights = reactive(new Map<string, number>());
  const view = reactive({ top: 0, bottom: typeof window === 'undefined' ? 800 : window.innerHeight });

  const window_ = computed(() => {
    const all = items.value;
    if (all.length <= options.threshold) return { start: 0, end: all.length, before: 0, after: 0 };
    const sizes = all.map((item) => heights.get(keyOf(item)) ?? options.estimate);
    return windowOf(sizes, view.top, view.bottom, options.overscan);
  });
  const shown = computed(() => items.value.slice(window_.value.start, window_.value.end));
  const before = computed(() => window_.value.before);
  const after = computed(() => window_.value.after);

  // Where the page shows the list, read once per frame at most.
  let frame = 0;
  function readView() {
    frame = 0;
    const box = list.value?.getBoundingClientRect();
    if (!box) return;
    view.top = -box.top;
    view.bottom = -box.top + window.innerHeight;
  }
  const onScroll = () => {
    if (!frame) frame = window.requestAnimationFrame(readView);
  };

  // Each drawn item's height, kept up to date as it changes (images loading).
  const keyOfElement = new WeakMap<Element, string>();
  const observed = new Map<string, Element>();
  const observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => {
          for (const entry of entries) {
            const key = keyOfElement.get(entry.target);
            const height = entry.borderBoxSize?.[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
            if (key !== undefined && height > 0) heights.set(key, Math.round(height) + options.gap);
          }
        });
  /** Give as :ref to each drawn item's element, with its key. */
  function measure(key: string) {
    return (element: unknown) => {
      if (!observer) return;
      const before = observed.get(key);
      if (before === element) return;
      if (before) observer.unobserve(before);
      observed.delete(key);
      if (!(element instanceof Element)) return;
      keyOfElement.set(element, key);
      observed.set(key, element);
      observer.observe(element);
    };
  }

  onMounted(() => {
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    readView();
  });
  onBeforeUnmount(() => {
    document.removeEventListener('scroll', onScroll, { capture: true });
    window.removeEventListener('resize', onScroll);
    if (frame) window.cancelAnimationFrame(frame);
    observer?.disconnect();
  });

  /** Give as :ref to the list's element. */
  function attach(element: unknown) {
    list.value = element instanceof HTMLElement ? element : null;
  }

  return { attach, shown, before, after, measure };
}
