// A disk's backing chain drawn top to bottom: the active layer first, the base last, with the
// chain's status (complete / not probed / broken) at its end.
import { AlertTriangle, ArrowDown, HelpCircle } from 'lucide-react';
import type { DomainDisk } from '~/lib/vm-types';
import { ChainLayer } from './chain-layer';

export function BackingChain({ chain }: { chain: DomainDisk['chain'] }) {
  const { layers, status } = chain;
  if (status === 'empty' || layers.length === 0) {
    return <p className="text-sm text-zinc-500">{status === 'empty' ? 'No medium inserted.' : 'No source.'}</p>;
  }
  return (
    <ol aria-label="Backing chain, active layer first" className="space-y-0">
      {layers.map((layer, i) => (
        <li key={`${i}-${layer.index ?? ''}`}>
          {i > 0 ? (
            <div aria-hidden className="flex h-5 items-center pl-5 text-zinc-400">
              <ArrowDown className="size-3.5" />
              <span className="ml-1 text-[10px] tracking-wide uppercase">backed by</span>
            </div>
          ) : null}
          <ChainLayer layer={layer} depth={i} isBase={i === layers.length - 1 && status === 'complete'} />
        </li>
      ))}
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
  );
}
