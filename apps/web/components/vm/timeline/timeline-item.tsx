// One entry of a VM's timeline: when, what kind, what happened, who, and how it ended.
import type { TimelineEntry } from '@virtdeck/contract/timeline';
import { Badge } from '@virtdeck/ui';
import { formatTime } from '~/lib/format';
import { entryText } from './timeline-text';

const KIND_LABEL = { lifecycle: 'State', job: 'Job', audit: 'Action' } as const;

export function TimelineItem({ entry }: { entry: TimelineEntry }) {
  const t = entryText(entry);
  return (
    <li data-testid="timeline-entry" data-kind={entry.kind} className="flex items-start gap-3 px-3 py-2 text-sm">
      <time dateTime={new Date(entry.at).toISOString()} className="w-44 shrink-0 tabular-nums text-zinc-500">
        {formatTime(entry.at)}
      </time>
      <span className="w-14 shrink-0 text-xs uppercase tracking-wide text-zinc-400">{KIND_LABEL[entry.kind]}</span>
      <span className="min-w-0 flex-1">
        <span className="font-medium" data-testid="timeline-title">
          {t.title}
        </span>
        {t.detail ? <span className="ml-2 break-words text-zinc-500">{t.detail}</span> : null}
      </span>
      {t.who ? <span className="shrink-0 text-zinc-600 dark:text-zinc-400">{t.who}</span> : null}
      {t.badge ? <Badge tone={t.badge.tone}>{t.badge.label}</Badge> : null}
    </li>
  );
}
