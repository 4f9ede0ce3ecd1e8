import { cn } from './cn';
import type { ReactNode } from 'react';

// A state shown inline: a coloured pill with a dot, in one of five tones used the same way on every
// screen (green running/active, amber paused, zinc off, red failed, blue in between).
const tones = {
  green: ['bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300', 'bg-emerald-500'],
  amber: ['bg-amber-50 text-amber-700 dark:bg-amber-950 dark:text-amber-300', 'bg-amber-500'],
  zinc: ['bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300', 'bg-zinc-400'],
  red: ['bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300', 'bg-red-500'],
  blue: ['bg-sky-50 text-sky-700 dark:bg-sky-950 dark:text-sky-300', 'bg-sky-500'],
} as const;

export type Tone = keyof typeof tones;

export function Badge({
  tone,
  children,
  title,
  testId,
  state,
}: {
  tone: Tone;
  children: ReactNode;
  title?: string | undefined;
  testId?: string;
  /** Exposed as data-state, for tests and styling. */
  state?: string;
}) {
  const [badge, dot] = tones[tone];
  return (
    <span title={title} data-testid={testId} data-state={state} className={cn('inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap', badge)}>
      <span aria-hidden className={cn('size-1.5 rounded-full', dot)} />
      {children}
    </span>
  );
}
