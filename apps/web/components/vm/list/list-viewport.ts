// The VM table's scroll box before it is measured. Without a size the virtualiser's first render
// draws no row: the rows came only after React had committed an empty table, measured it (a
// forced layout) and rendered again, and then again when the box grew to its full height. With the
// box's size from the viewport (its CSS below), the first render already draws the rows in view
// and the measure finds the same range, so nothing renders twice.

/** Tailwind's min-h-48 and the 15rem the box leaves the page's header and toolbar (vm-table.tsx). */
const MIN_HEIGHT_REM = 12;
const PAGE_CHROME_REM = 15;
const DEFAULT_REM_PX = 16;

/** The scroll box's height for a viewport: max-h-[calc(100vh-15rem)] min-h-48. */
export function listBoxHeight(viewportHeight: number, remPx: number): number {
  return Math.max(MIN_HEIGHT_REM * remPx, viewportHeight - PAGE_CHROME_REM * remPx);
}

/** The virtualiser's initialRect: the box's height in this window (none when pre-rendering). */
export function initialListRect(): { width: number; height: number } {
  if (typeof window === 'undefined') return { width: 0, height: 0 };
  // 16 px to the rem, the browsers' default, not read from the page: getComputedStyle here would
  // force a style pass before the first frame. Where the user chose another size, the measure
  // corrects it (one more render).
  return { width: window.innerWidth, height: listBoxHeight(window.innerHeight, DEFAULT_REM_PX) };
}
