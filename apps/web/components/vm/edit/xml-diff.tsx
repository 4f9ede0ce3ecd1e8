'use client';
// The edited XML against the current definition, side by side (CodeMirror's merge view), read
// only: what saving will change. Created and disposed in one effect.
import { xml } from '@codemirror/lang-xml';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

export function XmlDiff({ current, edited }: { current: string; edited: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const extensions = [lineNumbers(), syntaxHighlighting(defaultHighlightStyle), xml(), EditorState.readOnly.of(true), EditorView.editable.of(false)];
    const view = new MergeView({
      parent: host.current,
      a: { doc: current, extensions },
      b: { doc: edited, extensions },
      collapseUnchanged: { margin: 3, minSize: 6 },
    });
    return () => view.destroy();
  }, [current, edited]);
  return (
    <div className="space-y-1">
      <div className="grid grid-cols-2 text-xs text-zinc-500">
        <span>Current definition</span>
        <span>After saving</span>
      </div>
      <div ref={host} data-testid="xml-diff" className="max-h-[calc(100vh-20rem)] overflow-auto rounded-lg border border-zinc-200 bg-white text-xs dark:border-zinc-800" />
    </div>
  );
}
