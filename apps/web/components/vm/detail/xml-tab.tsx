'use client';
// The domain XML as libvirt reports it (live or the persistent definition), with a copy button.
// Re-fetched when the VM's details change (the live bridge invalidates those on every event).
import { useQuery } from '@tanstack/react-query';
import { Button, ErrorState, Skeleton } from '@virtdeck/ui';
import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { useIsAdmin } from '~/lib/use-is-admin';
import { XmlEditPanel } from '../edit/xml-edit-panel';
import { XmlView } from './xml-view';

export function XmlTab({ hostId, uuid, version }: { hostId: string; uuid: string; version: number }) {
  const trpc = useTRPC();
  const [inactive, setInactive] = useState(false);
  const [copied, setCopied] = useState(false);
  const [editing, setEditing] = useState(false);
  // XML can name any host path: editing it is for admins.
  const isAdmin = useIsAdmin();
  const xml = useQuery(trpc.domain.xml.queryOptions({ hostId, uuid, inactive }));
  const { refetch } = xml;
  useEffect(() => {
    void refetch();
  }, [version, refetch]);

  const copy = async () => {
    if (!xml.data) return;
    try {
      await navigator.clipboard.writeText(xml.data);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (e) {
      toast.error('Could not copy', { description: errorMessage(e) });
    }
  };

  if (editing) return <XmlEditPanel hostId={hostId} uuid={uuid} onClose={() => setEditing(false)} />;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <fieldset className="inline-flex rounded-md border border-zinc-300 p-0.5 text-xs dark:border-zinc-700">
          <legend className="sr-only">Which XML</legend>
          {[
            { v: false, label: 'Live' },
            { v: true, label: 'Persistent definition' },
          ].map((o) => (
            <label key={o.label} className="cursor-pointer rounded px-2 py-1 has-[:checked]:bg-zinc-200 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-[var(--color-accent)] dark:has-[:checked]:bg-zinc-700">
              <input type="radio" name="xml-kind" className="sr-only" checked={inactive === o.v} onChange={() => setInactive(o.v)} />
              {o.label}
            </label>
          ))}
        </fieldset>
        <div className="flex gap-2">
          <Button size="sm" onClick={() => void copy()} disabled={!xml.data}>
            {copied ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
            {copied ? 'Copied' : 'Copy XML'}
          </Button>
          {isAdmin ? (
            <Button size="sm" onClick={() => setEditing(true)}>
              Edit XML…
            </Button>
          ) : null}
        </div>
      </div>
      {xml.isPending ? (
        <Skeleton className="h-96" label="Loading XML" />
      ) : xml.isError ? (
        <ErrorState title="Could not read the XML" message={errorMessage(xml.error)} />
      ) : (
        <XmlView xml={xml.data} />
      )}
    </div>
  );
}
