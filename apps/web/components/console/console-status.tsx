export type ConsoleState = { status: 'connecting' } | { status: 'connected' } | { status: 'disconnected'; reason: string };

const tone = {
  connecting: 'bg-sky-50 text-sky-700 dark:bg-sky-950 dark:text-sky-300',
  connected: 'bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300',
  disconnected: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
};

/** The console's state, and a "Reconnect" button once it is disconnected. */
export function ConsoleStatus({ state, onReconnect, via = null }: { state: ConsoleState; onReconnect: () => void; via?: string | null }) {
  return (
    <>
      <span role="status" data-testid="console-status" data-status={state.status} className={`rounded-full px-2 py-0.5 text-xs font-medium ${tone[state.status]}`}>
        {state.status === 'disconnected' ? `Disconnected: ${state.reason}` : state.status === 'connecting' ? 'Connecting…' : via === 'ssh' ? 'Connected through ssh' : 'Connected'}
      </span>
      {state.status === 'disconnected' ? (
        <button type="button" className="rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700" onClick={onReconnect}>
          Reconnect
        </button>
      ) : null}
    </>
  );
}
