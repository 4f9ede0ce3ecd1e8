'use client';
// The serial console: xterm.js fed by libvirt's console stream through the BFF, both ways.
import '@xterm/xterm/css/xterm.css';
import type { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import { ConsoleStatus, type ConsoleState } from './console-status';
import { closeReason, useConsoleUrl } from './use-console-url';

export function SerialConsole({ hostId, uuid }: { hostId: string; uuid: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<ConsoleState>({ status: 'connecting' });
  const [generation, setGeneration] = useState(0);
  const { fetchUrl } = useConsoleUrl(hostId, uuid, 'serial');

  useEffect(() => {
    let disposed = false;
    let term: Terminal | null = null;
    let ws: WebSocket | null = null;
    const onResize = () => fit?.fit();
    let fit: { fit(): void } | null = null;

    void (async () => {
      setState({ status: 'connecting' });
      try {
        const [{ Terminal }, { FitAddon }, url] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit'), fetchUrl()]);
        if (disposed || !box.current) return;
        term = new Terminal({ convertEol: false, cursorBlink: true, fontFamily: 'ui-monospace, monospace', fontSize: 13, theme: { background: '#18181b' } });
        const fitAddon = new FitAddon();
        fit = fitAddon;
        term.loadAddon(fitAddon);
        term.open(box.current);
        fitAddon.fit();
        window.addEventListener('resize', onResize);
        ws = new WebSocket(url, ['binary']);
        ws.binaryType = 'arraybuffer';
        const encoder = new TextEncoder();
        ws.onopen = () => {
          setState({ status: 'connected' });
          term?.focus();
        };
        ws.onmessage = (e: MessageEvent<ArrayBuffer>) => term?.write(new Uint8Array(e.data));
        ws.onclose = (e) => {
          if (!disposed) setState({ status: 'disconnected', reason: closeReason(e.code, e.reason) });
        };
        term.onData((data) => {
          if (ws?.readyState === WebSocket.OPEN) ws.send(encoder.encode(data));
        });
      } catch (e) {
        if (!disposed) setState({ status: 'disconnected', reason: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      ws?.close();
      term?.dispose();
    };
  }, [fetchUrl, generation]);

  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2 text-sm">
        <ConsoleStatus state={state} onReconnect={() => setGeneration((g) => g + 1)} />
      </div>
      <div ref={box} data-testid="serial-screen" className="h-96 w-full overflow-hidden rounded-md bg-zinc-900 p-2" />
    </div>
  );
}
