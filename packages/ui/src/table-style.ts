// Class names of the dense tables every screen uses: sticky header, numbers right-aligned.
export const table = {
  wrap: 'overflow-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900',
  table: 'w-full text-sm',
  thead: 'sticky top-0 z-10 bg-zinc-100 text-left text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400',
  th: 'px-3 py-2 font-medium whitespace-nowrap',
  thNum: 'px-3 py-2 text-right font-medium whitespace-nowrap',
  tbody: 'divide-y divide-zinc-100 dark:divide-zinc-800',
  td: 'px-3 py-2 align-middle',
  tdNum: 'px-3 py-2 text-right tabular-nums whitespace-nowrap',
};
