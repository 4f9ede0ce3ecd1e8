'use client';
// The VNC console: noVNC, created and disposed in one effect (it needs a browser). It scales to
// its box, goes fullscreen, sends Ctrl+Alt+Del and other combinations the browser would keep for
// itself, types a paste as keystrokes, and reconnects by
// itself (with a fresh ticket) when the connection drops while the domain still runs.
import type RFB from '@novnc/novnc/lib/rfb';
import { useEffect, useRef, useState } from 'react';
import { ConsoleStatus, type ConsoleState } from './console-status';
import { KEY_COMBOS, sendCombo } from './key-combos';
import { keysymsOf } from './keysyms';
import { useConsoleUrl } from './use-console-url';

const MAX_RETRIES = 5;

export function VncConsole({ hostId, uuid }: { hostId: string; uuid: string }) {
  const box = useRef<HTMLDivElement>(null);
  const rfbRef = useRef<RFB | null>(null);
  const [state, setState] = useState<ConsoleState>({ status: 'connecting' });
  const [generation, setGeneration] = useState(0);
  const [paste, setPaste] = useState('');
  const { fetchUrl, via } = useConsoleUrl(hostId, uuid, 'vnc');

  useEffect(() => {
    let disposed = false;
    let retries = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    async function connect() {
      setState({ status: 'connecting' });
      try {
        const [{ default: RFBClass }, url] = await Promise.all([import('@novnc/novnc'), fetchUrl()]);
        if (disposed || !box.current) return;
        const rfb = new RFBClass(box.current, url, { wsProtocols: ['binary'] });
        rfb.scaleViewport = true;
        rfb.background = 'rgb(24, 24, 27)';
        rfbRef.current = rfb;
        rfb.addEventListener('connect', () => {
          retries = 0;
          setState({ status: 'connected' });
        });
        rfb.addEventListener('securityfailure', (e) => setState({ status: 'disconnected', reason: `security failure: ${String((e as CustomEvent<{ reason?: string }>).detail.reason ?? '')}` }));
        rfb.addEventListener('disconnect', (e) => {
          rfbRef.current = null;
          if (disposed) return;
          const clean = (e as CustomEvent<{ clean: boolean }>).detail.clean;
          if (retries < MAX_RETRIES) {
            retries++;
            setState({ status: 'disconnected', reason: clean ? 'the server closed the console; reconnecting…' : 'connection lost; reconnecting…' });
            retryTimer = setTimeout(() => void connect(), Math.min(8_000, 500 * 2 ** retries));
          } else {
            setState({ status: 'disconnected', reason: 'the console is not reachable (is the domain running?)' });
          }
        });
      } catch (e) {
        if (!disposed) setState({ status: 'disconnected', reason: e instanceof Error ? e.message : String(e) });
      }
    }
    void connect();
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      rfbRef.current?.disconnect();
      rfbRef.current = null;
    };
  }, [fetchUrl, generation]);

  const typePaste = () => {
    const rfb = rfbRef.current;
    if (!rfb) return;
    for (const k of keysymsOf(paste)) rfb.sendKey(k, null);
    setPaste('');
    rfb.focus();
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <ConsoleStatus state={state} via={via} onReconnect={() => setGeneration((g) => g + 1)} />
        <button type="button" className="rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700" onClick={() => rfbRef.current?.sendCtrlAltDel()} disabled={state.status !== 'connected'}>
          Ctrl+Alt+Del
        </button>
        <label className="sr-only" htmlFor={`keys-${uuid}`}>
          Send a key combination
        </label>
        <select
          id={`keys-${uuid}`}
          value=""
          disabled={state.status !== 'connected'}
          onChange={(e) => {
            const combo = KEY_COMBOS.find((c) => c.label === e.target.value);
            if (combo && rfbRef.current) sendCombo(rfbRef.current, combo.keysyms);
            rfbRef.current?.focus();
          }}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">Send keys…</option>
          {KEY_COMBOS.map((c) => (
            <option key={c.label} value={c.label}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="button" className="rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700" onClick={() => void box.current?.requestFullscreen()} disabled={state.status !== 'connected'}>
          Fullscreen
        </button>
        <form
          className="ml-auto flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            typePaste();
          }}
        >
          <label className="sr-only" htmlFor={`paste-${uuid}`}>
            Text to type into the console
          </label>
          <input id={`paste-${uuid}`} value={paste} onChange={(e) => setPaste(e.target.value)} placeholder="Paste text to type" className="w-56 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900" />
          <button type="submit" className="rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700" disabled={state.status !== 'connected' || paste === ''}>
            Type it
          </button>
        </form>
      </div>
      <div ref={box} data-testid="vnc-screen" className="aspect-[4/3] w-full overflow-hidden rounded-md bg-zinc-900" />
    </div>
  );
}
