'use client';
// The console tab of a VM: the graphical console the domain has (VNC or SPICE) and its serial
// console. The widgets load only in the browser (noVNC, spice-html5 and xterm need a DOM).
import dynamic from 'next/dynamic';
import { useState } from 'react';

const VncConsole = dynamic(() => import('./vnc-console').then((m) => m.VncConsole), { ssr: false });
const SpiceConsole = dynamic(() => import('./spice-console').then((m) => m.SpiceConsole), { ssr: false });
const SerialConsole = dynamic(() => import('./serial-console').then((m) => m.SerialConsole), { ssr: false });

export interface ConsolePanelProps {
  hostId: string;
  uuid: string;
  /** Graphics types of the domain, from its XML (e.g. ['vnc']). */
  graphics: string[];
  hasSerial: boolean;
  running: boolean;
}

export function ConsolePanel({ hostId, uuid, graphics, hasSerial, running }: ConsolePanelProps) {
  const kinds = [...(graphics.includes('vnc') ? ['vnc'] : []), ...(graphics.includes('spice') ? ['spice'] : []), ...(hasSerial ? ['serial'] : [])] as const;
  const [kind, setKind] = useState<string>(kinds[0] ?? 'none');
  if (!running) return <p className="text-sm text-zinc-500">Start the domain to open its console.</p>;
  if (kinds.length === 0) return <p className="text-sm text-zinc-500">This domain has no VNC or SPICE graphics and no serial console.</p>;
  return (
    <div className="space-y-3">
      <div role="radiogroup" aria-label="Console" className="flex gap-1 text-sm">
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={kind === k}
            onClick={() => setKind(k)}
            className={`rounded-md px-3 py-1 ${kind === k ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'border border-zinc-300 dark:border-zinc-700'}`}
          >
            {k === 'serial' ? 'Serial' : k.toUpperCase()}
          </button>
        ))}
      </div>
      {kind === 'vnc' ? <VncConsole key="vnc" hostId={hostId} uuid={uuid} /> : null}
      {kind === 'spice' ? <SpiceConsole key="spice" hostId={hostId} uuid={uuid} /> : null}
      {kind === 'serial' ? <SerialConsole key="serial" hostId={hostId} uuid={uuid} /> : null}
    </div>
  );
}
