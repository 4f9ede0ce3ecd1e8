import { formatTime } from '~/lib/format';

/** Why a host is not connected and when it tries again. */
export function HostStateDetail({ state }: { state: { status: string; error: string | null; attempt: number; nextRetryAt: number | null } }) {
  if (state.status === 'connected') return null;
  const retry = state.nextRetryAt ? `retries at ${formatTime(state.nextRetryAt)}` : state.status === 'connecting' || state.status === 'reconnecting' ? 'connecting now' : null;
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">
      <p className="font-mono text-xs break-words" data-testid="host-error">
        {state.error ?? 'not connected yet'}
      </p>
      <p className="mt-1 text-xs">
        {state.attempt > 0 ? `${state.attempt} failed attempt${state.attempt === 1 ? '' : 's'}` : null}
        {state.attempt > 0 && retry ? ' · ' : null}
        {retry}
      </p>
    </div>
  );
}
