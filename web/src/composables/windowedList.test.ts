import { describe, expect, it } from 'vitest';
import { windowOf } from './windowedList';

describe('windowOf', () => {
  const heights = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? 100 : 50)); // 75 px on average

  it('draws the items in view and the margin, and reserves the space of the rest', () => {
    const w = windowOf(heights, 0, 768, 200);
    expect(w.start).toBe(0);
    expect(w.before).toBe(0);
    // To 968 px: six pairs (900 px) and item 12, which spans 900..1000.
    expect(w.end).toBe(13);
    expect(w.after).toBe(37500 - 1000);
  });

  it('keeps the total height whatever is drawn', () => {
    for (const top of [0, 1234, 20000, 37400]) {
      const w = windowOf(heights, top, top + 768, 300);
      let drawn = 0;
      for (let i = w.start; i < w.end; i++) drawn += heights[i];
      expect(w.before + drawn + w.after).toBe(37500);
      expect(w.before).toBeLessThanOrEqual(Math.max(0, top - 300));
      expect(w.before + drawn).toBeGreaterThanOrEqual(Math.min(37500, top + 768 + 300));
    }
  });

  it('starts at the item that crosses the top of the margin', () => {
    const w = windowOf(heights, 1000, 1500, 0);
    // Items 0..12 end at 1000 exactly; item 13 (50 px) spans 1000..1050.
    expect(w.start).toBe(13);
    expect(w.before).toBe(1000);
    expect(windowOf(heights, 999, 1500, 0).start).toBe(12);
  });

  it('draws the last item when scrolled past the end, and nothing for no items', () => {
    expect(windowOf(heights, 99999, 100999, 0)).toEqual({ start: 499, end: 500, before: 37450, after: 0 });
    expect(windowOf([], 0, 768, 200)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });
});
