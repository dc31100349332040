// Which items of a long list to draw: those overlapping the visible part of
// the page, with a margin, and the space the others take above and below.
// The heights are those measured, or an estimate for items never drawn.

export interface ListWindow {
  /** First item drawn. */
  start: number;
  /** One past the last item drawn. */
  end: number;
  /** Space taken by the items before `start`, in pixels. */
  before: number;
  /** Space taken by the items from `end` on, in pixels. */
  after: number;
}

/**
 * The items of heights `heights` (pixels, in list order) that overlap
 * [top - overscan, bottom + overscan), top and bottom measured from the
 * start of the list. At least one item is drawn when there is one.
 */
export function windowOf(heights: readonly number[], top: number, bottom: number, overscan: number): ListWindow {
  const from = top - overscan;
  const to = bottom + overscan;
  let offset = 0;
  let start = heights.length;
  let before = 0;
  for (let i = 0; i < heights.length; i++) {
    if (offset + heights[i] > from) {
      start = i;
      before = offset;
      break;
    }
    offset += heights[i];
  }
  if (start === heights.length && heights.length > 0) {
    // Scrolled past the end: draw the last item.
    start = heights.length - 1;
    before = offset - heights[start];
  }
  let end = start;
  offset = before;
  while (end < heights.length && (end === start || offset < to)) {
    offset += heights[end];
    end++;
  }
  let after = 0;
  for (let i = end; i < heights.length; i++) after += heights[i];
  return { start, end, before, after };
}
