'use client';
// Links between the VM page's tabs (a chain layer ↔ the snapshot that created it): a link
// switches the tab and names the element to bring into view; that element, once rendered (the
// tab may still be loading), scrolls itself into view, takes focus and says it is done.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

interface TabNav {
  show: (tab: string, targetId: string) => void;
  /** The element id a link asked for, until it was brought into view. */
  target: string | null;
  reached: () => void;
}

const TabNavContext = createContext<TabNav>({ show: () => {}, target: null, reached: () => {} });

export function TabNavProvider({ setTab, children }: { setTab: (tab: string) => void; children: ReactNode }) {
  const [target, setTarget] = useState<string | null>(null);
  const show = useCallback(
    (tab: string, targetId: string) => {
      setTab(tab);
      setTarget(targetId);
    },
    [setTab],
  );
  const reached = useCallback(() => setTarget(null), []);
  return <TabNavContext.Provider value={{ show, target, reached }}>{children}</TabNavContext.Provider>;
}

export const useTabNav = () => useContext(TabNavContext);

/** A link to an element of another tab. */
export function TabLink({ tab, targetId, children, className, label }: { tab: string; targetId: string; children: ReactNode; className?: string; label?: string }) {
  const { show } = useTabNav();
  return (
    <a
      href={`#${targetId}`}
      aria-label={label}
      className={className ?? 'text-[var(--color-accent)] hover:underline'}
      onClick={(e) => {
        e.preventDefault();
        show(tab, targetId);
      }}
    >
      {children}
    </a>
  );
}

/**
 * For an element a TabLink may point at: a ref to put on it, and whether it is highlighted
 * (for a moment after it was brought into view).
 */
export function useTabTarget<E extends HTMLElement>(id: string) {
  const { target, reached } = useTabNav();
  const ref = useRef<E>(null);
  const [highlighted, setHighlighted] = useState(false);
  useEffect(() => {
    if (target !== id || !ref.current) return;
    ref.current.scrollIntoView({ block: 'center' });
    ref.current.focus({ preventScroll: true });
    setHighlighted(true);
    reached();
  }, [target, id, reached]);
  useEffect(() => {
    if (!highlighted) return;
    const t = setTimeout(() => setHighlighted(false), 2500);
    return () => clearTimeout(t);
  }, [highlighted]);
  return { ref, highlighted };
}

export const layerAnchorId = (disk: string, path: string) => `layer-${disk}-${encodeURIComponent(path)}`;
export const snapshotAnchorId = (name: string) => `snapshot-${encodeURIComponent(name)}`;
