/** One labelled value of a host card. */
export function HostFact({ label, value, testId, numeric }: { label: string; value: string; testId?: string; numeric?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd data-testid={testId} title={value} className={`truncate font-medium ${numeric ? 'tabular-nums' : ''}`}>
        {value}
      </dd>
    </div>
  );
}
