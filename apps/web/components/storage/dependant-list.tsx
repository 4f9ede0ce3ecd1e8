import { HardDrive, Layers } from 'lucide-react';

interface Dependants {
  volumes: { pool: string; name: string; path: string }[];
  domains: { domain: string; disk: string; depth: number }[];
}

/** Overlays and VM disks that read a volume. */
export function DependantList({ dependants }: { dependants: Dependants }) {
  return (
    <ul className="space-y-1 rounded-md border border-zinc-200 p-2 dark:border-zinc-800" data-testid="dependants">
      {dependants.volumes.map((v) => (
        <li key={v.path} className="flex items-center gap-2">
          <Layers className="size-3.5 text-zinc-500" aria-hidden />
          <span>
            overlay <strong>{v.name}</strong> <span className="text-zinc-500">in pool {v.pool}</span>
          </span>
        </li>
      ))}
      {dependants.domains.map((d) => (
        <li key={`${d.domain}/${d.disk}`} className="flex items-center gap-2">
          <HardDrive className="size-3.5 text-zinc-500" aria-hidden />
          <span>
            disk <strong>{d.disk}</strong> of VM <strong>{d.domain}</strong>
            <span className="text-zinc-500">{d.depth === 0 ? ' (its active image)' : ` (${d.depth} layer${d.depth === 1 ? '' : 's'} down)`}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
