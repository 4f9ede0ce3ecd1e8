import { cva } from 'class-variance-authority';
import { domainStateLabel, domainStateTone, type DomainState } from './domain-state';

const badge = cva('inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium', {
  variants: {
    tone: {
      green: 'bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300',
      amber: 'bg-amber-50 text-amber-700 dark:bg-amber-950 dark:text-amber-300',
      zinc: 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300',
      red: 'bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300',
      blue: 'bg-sky-50 text-sky-700 dark:bg-sky-950 dark:text-sky-300',
    },
  },
});

const dot = cva('size-1.5 rounded-full', {
  variants: {
    tone: { green: 'bg-emerald-500', amber: 'bg-amber-500', zinc: 'bg-zinc-400', red: 'bg-red-500', blue: 'bg-sky-500' },
  },
});

export function StateBadge({ state }: { state: DomainState }) {
  const tone = domainStateTone[state];
  return (
    <span className={badge({ tone })} data-state={state}>
      <span aria-hidden className={dot({ tone })} />
      {domainStateLabel[state]}
    </span>
  );
}
