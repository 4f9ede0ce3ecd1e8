'use client';
// The SPICE console: spice-html5 opens one websocket per SPICE channel on the ticket's URL (a
// SPICE ticket admits a few connections within its short life).
import type { SpiceMainConn } from '@spice-project/spice-html5';
import { useEffect, useId, useRef, useState } from 'react';
import { ConsoleStatus, type ConsoleState } from './console-status';
import { useConsoleUrl } from './use-console-url';

export function SpiceConsole({ hostId, uuid }: { hostId: string; uuid: string }) {
  const screenId = `spice-${useId().replace(/:/g, '')}`;
  const [state, setState] = useState<ConsoleState>({ status: 'connecting' });
  const [generation, setGeneration] = useState(0);
  const { fetchUrl, via } = useConsoleUrl(hostId, uuid, 'spice');
  // A SPICE link can be refused transiently (seen once in CI as "Permission denied" with
  // ticketing off): try again by itself once, with a fresh ticket, before showing the error.
  const retried = useRef(false);

  useEffect(() => {
    let disposed = false;
    let conn: SpiceMainConn | null = null;
    void (async () => {
      setState({ status: 'connecting' });
      try {
        const [spice, url] = await Promise.all([import('@spice-project/spice-html5'), fetchUrl()]);
        if (disposed) return;
        conn = new spice.SpiceMainConn({
          uri: url,
          password: '',
          screen_id: screenId,
          onsuccess: () => {
            retried.current = false;
            setState({ status: 'connected' });
          },
          onerror: (e) => {
            conn?.stop();
            if (disposed) return;
            if (!retried.current) {
              retried.current = true;
              setTimeout(() => setGeneration((g) => g + 1), 1000);
              return;
            }
            setState({ status: 'disconnected', reason: e instanceof Error ? e.message : 'the SPICE connection closed' });
          },
        });
      } catch (e) {
        if (!disposed) setState({ status: 'disconnected', reason: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      disposed = true;
      conn?.stop();
    };
  }, [fetchUrl, generation, screenId]);

  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2 text-sm">
        <ConsoleStatus state={state} via={via} onReconnect={() => setGeneration((g) => g + 1)} />
      </div>
      <div id={screenId} data-testid="spice-screen" className="min-h-96 w-full overflow-auto rounded-md bg-zinc-900" />
    </div>
  );
}
