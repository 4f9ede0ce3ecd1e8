// The VM table's virtualiser starts with the scroll box's size from the viewport, so its first
// render (before anything is measured) already draws the rows in view instead of none.
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/react-virtual';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialListRect, listBoxHeight } from '../../components/vm/list/list-viewport';

const ROW_HEIGHT = 37; // vm-row.tsx (importing it would load React components into a node test)

function firstItems(initialRect: { width: number; height: number } | undefined): number {
  const v = new Virtualizer<HTMLDivElement, Element>({
    count: 1000,
    getScrollElement: () => null,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    ...(initialRect ? { initialRect } : {}),
  });
  return v.getVirtualItems().length;
}

describe('the VM table before it is measured', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is the box max-h-[calc(100vh-15rem)] min-h-48 gives', () => {
    expect(listBoxHeight(1000, 16)).toBe(760);
    expect(listBoxHeight(300, 16)).toBe(192);
  });

  it('takes the window height, and nothing when pre-rendering', () => {
    expect(initialListRect()).toEqual({ width: 0, height: 0 });
    vi.stubGlobal('window', { innerWidth: 1280, innerHeight: 1000 });
    expect(initialListRect()).toEqual({ width: 1280, height: 760 });
  });

  it('draws every row in view on the first render', () => {
    vi.stubGlobal('window', { innerWidth: 1280, innerHeight: 1000 });
    // Without a size the first render has no row at all (why initialRect is given).
    expect(firstItems(undefined)).toBe(0);
    expect(firstItems(initialListRect())).toBeGreaterThanOrEqual(Math.ceil(760 / ROW_HEIGHT));
  });
});
