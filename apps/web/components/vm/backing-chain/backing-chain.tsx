'use client';
// A disk's backing chain drawn top to bottom: the active layer first, the base last, with the
// chain's status (complete / not probed / broken) at its end. A deep chain shows its top and
// bottom layers and folds the run between them behind one button, so the base stays in sight.
import { AlertTriangle, ArrowDown, ChevronsDownUp, ChevronsUpDown, HelpCircle } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { layerPath } from '@virtdeck/libvirt-xml/chain-paths';
import type { DiskLayer, DomainDisk } from '~/lib/vm-types';
import { layerAnchorId, useTabNav } from '../detail/tab-nav';
import { ChainLayer } from './chain-layer';

// Chains longer than this fold their middle; that many layers stay in sight above and below.
const FOLD_OVER = 12;
const KEEP_TOP = 3;
const KEEP_BOTTOM = 3;

interface Props {
  disk: string;
  chain: DomainDisk['chain'];
  /** The external snapshot that created the layer at this path, if any. */
  createdBy?: (path: string) => string | null;
  layerActions?: (layer: DiskLayer, depth: number) => ReactNode;
}

function Arrow() {
  return (
    <div aria-hidden className="flex h-5 items-center pl-5 text-zinc-400">
      <ArrowDown className="size-3.5" />
      <span className="ml-1 text-[10px] tracking-wide uppercase">backed by</span>
    </div>
  );
}

const toggleClass =
  'inline-flex items-center gap-1.5 rounded-md border border-dashed border-zinc-300 px-3 py-1.5 text-xs text-zinc-600 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800';

export function BackingChain({ disk, chain, createdBy, layerActions }: Props) {
  const { layers, status } = chain;
  const foldable = layers.length > FOLD_OVER;
  const [unfolded, setUnfolded] = useState(false);
  const folded = foldable && !unfolded;
  const hiddenFrom = KEEP_TOP;
  const hiddenTo = layers.length - KEEP_BOTTOM; // exclusive
  const hiddenCount = hiddenTo - hiddenFrom;

  // A link from the Snapshots tab to a folded layer unfolds the chain first.
  const { target } = useTabNav();
  useEffect(() => {
    if (!target || !folded) return;
    const hidden = layers.slice(hiddenFrom, hiddenTo).some((l) => {
      const p = layerPath(l);
      return p !== undefined && layerAnchorId(disk, p) === target;
    });
    if (hidden) setUnfolded(true);
  }, [target, folded, layers, hiddenFrom, hiddenTo, disk]);

  if (status === 'empty' || layers.length === 0) {
    return <p className="text-sm text-zinc-500">{status === 'empty' ? 'No medium inserted.' : 'No source.'}</p>;
  }
  const item = (layer: DiskLayer, i: number) => {
    const p = layerPath(layer);
    return (
      <li key={`${i}-${layer.index ?? ''}`}>
        {i > 0 ? <Arrow /> : null}
        <ChainLayer
          disk={disk}
          layer={layer}
          depth={i}
          isBase={i === layers.length - 1 && status === 'complete'}
          createdBy={p && createdBy ? createdBy(p) : null}
          actions={layerActions?.(layer, i)}
        />
      </li>
    );
  };
  return (
    <div className="space-y-2">
      {foldable && unfolded ? (
        <button type="button" className={toggleClass} onClick={() => setUnfolded(false)} aria-expanded>
          <ChevronsDownUp aria-hidden className="size-3.5" /> Fold the {hiddenCount} middle layers ({layers.length} in all)
        </button>
      ) : null}
      <ol aria-label="Backing chain, active layer first" className="space-y-0">
        {folded ? (
          <>
            {layers.slice(0, hiddenFrom).map((l, i) => item(l, i))}
            <li>
              <Arrow />
              <button type="button" className={toggleClass} onClick={() => setUnfolded(true)} aria-expanded={false} data-testid="chain-fold">
                <ChevronsUpDown aria-hidden className="size-3.5" /> Show {hiddenCount} more layers (backing layers {hiddenFrom}–{hiddenTo - 1})
              </button>
            </li>
            {layers.slice(hiddenTo).map((l, i) => item(l, hiddenTo + i))}
          </>
        ) : (
          layers.map((l, i) => item(l, i))
        )}
        {status === 'unprobed' ? (
          <li className="mt-2 flex items-center gap-2 rounded-md border border-dashed border-zinc-300 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-700">
            <HelpCircle aria-hidden className="size-3.5" /> Not probed: libvirt reports the rest of the chain when the VM runs; more layers may exist below.
          </li>
        ) : null}
        {status === 'broken' ? (
          <li role="alert" className="mt-2 flex items-center gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-xs text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
            <AlertTriangle aria-hidden className="size-3.5" /> Broken below this layer{chain.problem ? `: ${chain.problem}` : ''}.
          </li>
        ) : null}
      </ol>
    </div>
  );
}
