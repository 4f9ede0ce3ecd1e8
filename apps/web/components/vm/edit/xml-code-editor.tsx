'use client';
// The XML editor: CodeMirror 6 with XML highlighting, line numbers, undo history and a lint
// gutter where the definition's refusal is shown. Created and disposed in one effect; the
// document passed in is only the starting text (the editor owns it afterwards).
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { xml } from '@codemirror/lang-xml';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

/** Where a refusal points: the line its message names ("line 12"), else the first line. */
function diagnosticFor(view: EditorView, message: string): Diagnostic {
  const named = /line[: ]+(\d+)/i.exec(message);
  const lineNo = Math.min(Math.max(Number(named?.[1] ?? 1), 1), view.state.doc.lines);
  const line = view.state.doc.line(lineNo);
  return { from: line.from, to: line.to, severity: 'error', message, source: 'libvirt' };
}

export function XmlCodeEditor({ initial, onChange, error }: { initial: string; onChange: (text: string) => void; error: string | null }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial,
        extensions: [
          lineNumbers(),
          history(),
          highlightActiveLine(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle),
          xml(),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': 'Domain XML editor' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
          EditorView.theme({ '&': { fontSize: '12px', maxHeight: 'calc(100vh - 20rem)' }, '.cm-scroller': { overflow: 'auto' } }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [initial]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, error ? [diagnosticFor(v, error)] : []));
  }, [error]);

  return <div ref={host} data-testid="xml-editor" className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800" />;
}
