import { ShieldAlert } from 'lucide-react';

/** What a page says to someone whose role may not see it. */
export function Forbidden({ what }: { what: string }) {
  return (
    <div role="alert" className="flex items-start gap-3 rounded-lg border border-zinc-200 bg-white p-6 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <ShieldAlert className="mt-0.5 size-5 text-amber-600" aria-hidden />
      <div>
        <p className="font-medium">Admins only</p>
        <p className="mt-1 text-zinc-500">{what} is available to admins. Ask an admin if you need access.</p>
      </div>
    </div>
  );
}
