// Read-only XML with tags, attributes and values coloured; no editor, no new dependency.
import { memo, useMemo } from 'react';
import { tokenizeXml, type XmlTokenKind } from '~/lib/vm-xml';

const TONE: Record<XmlTokenKind, string> = {
  punct: 'text-zinc-400',
  tag: 'text-sky-700 dark:text-sky-300',
  attr: 'text-violet-700 dark:text-violet-300',
  value: 'text-emerald-700 dark:text-emerald-300',
  comment: 'text-zinc-400 italic',
  decl: 'text-zinc-400',
  text: '',
};

export const XmlView = memo(function XmlView({ xml }: { xml: string }) {
  const tokens = useMemo(() => tokenizeXml(xml), [xml]);
  return (
    <pre
      data-testid="vm-xml"
      tabIndex={0}
      aria-label="Domain XML"
      className="max-h-[calc(100vh-18rem)] overflow-auto rounded-lg border border-zinc-200 bg-white p-3 font-mono text-xs leading-5 focus-visible:outline-2 focus-visible:outline-[var(--color-accent)] dark:border-zinc-800 dark:bg-zinc-900"
    >
      <code>
        {tokens.map((t, i) =>
          t.kind === 'text' ? (
            t.text
          ) : (
            <span key={i} className={TONE[t.kind]}>
              {t.text}
            </span>
          ),
        )}
      </code>
    </pre>
  );
});
