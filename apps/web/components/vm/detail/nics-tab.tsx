// The VM's network interfaces.
import { EmptyState } from '@virtdeck/ui';
import type { DomainDetails } from '~/lib/vm-types';

export function NicsTab({ vm }: { vm: DomainDetails }) {
  if (vm.nics.length === 0) return <EmptyState title="This VM has no network interfaces" />;
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" aria-label="Network interfaces">
        <thead className="bg-zinc-100 text-left text-xs tracking-wide text-zinc-500 uppercase dark:bg-zinc-800">
          <tr>
            <th className="px-3 py-2 font-medium">Type</th>
            <th className="px-3 py-2 font-medium">Source</th>
            <th className="px-3 py-2 font-medium">Model</th>
            <th className="px-3 py-2 font-medium">MAC</th>
            <th className="px-3 py-2 font-medium">Host device</th>
            <th className="px-3 py-2 font-medium">Link</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 bg-white dark:divide-zinc-800 dark:bg-zinc-900">
          {vm.nics.map((n, i) => (
            <tr key={n.mac ?? i}>
              <td className="px-3 py-2">{n.type}</td>
              <td className="px-3 py-2">{n.source.network ?? n.source.bridge ?? n.source.dev ?? '—'}</td>
              <td className="px-3 py-2">{n.model ?? '—'}</td>
              <td className="px-3 py-2 font-mono text-xs">{n.mac ?? '—'}</td>
              <td className="px-3 py-2 font-mono text-xs">{n.targetDev ?? '—'}</td>
              <td className="px-3 py-2">{n.linkUp ? 'up' : <span className="text-amber-700 dark:text-amber-300">down</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
