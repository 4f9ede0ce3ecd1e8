// A small XML tokenizer for read-only highlighting: tags, attribute names and values, comments,
// text. Not a parser: it only splits what libvirt prints into coloured runs.
export type XmlTokenKind = 'punct' | 'tag' | 'attr' | 'value' | 'comment' | 'text' | 'decl';
export interface XmlToken {
  kind: XmlTokenKind;
  text: string;
}

const TAG = /^(<\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)(\s*\/?>)/;
const ATTR = /(\s+)([\w:.-]+)(\s*=\s*)("[^"]*"|'[^']*')/g;

export function tokenizeXml(xml: string): XmlToken[] {
  const out: XmlToken[] = [];
  let i = 0;
  while (i < xml.length) {
    const rest = xml.slice(i);
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      const text = end < 0 ? rest : rest.slice(0, end + 3);
      out.push({ kind: 'comment', text });
      i += text.length;
      continue;
    }
    if (rest.startsWith('<?') || rest.startsWith('<!')) {
      const end = rest.indexOf('>');
      const text = end < 0 ? rest : rest.slice(0, end + 1);
      out.push({ kind: 'decl', text });
      i += text.length;
      continue;
    }
    const m = TAG.exec(rest);
    if (m) {
      const [whole, open = '', name = '', attrs = '', close = ''] = m;
      out.push({ kind: 'punct', text: open }, { kind: 'tag', text: name });
      for (const a of attrs.matchAll(ATTR)) {
        out.push({ kind: 'text', text: a[1] ?? '' }, { kind: 'attr', text: a[2] ?? '' }, { kind: 'punct', text: a[3] ?? '' }, { kind: 'value', text: a[4] ?? '' });
      }
      out.push({ kind: 'punct', text: close });
      i += whole.length;
      continue;
    }
    const next = xml.indexOf('<', i + 1);
    const text = next < 0 ? rest : xml.slice(i, next);
    out.push({ kind: 'text', text });
    i += text.length;
  }
  return out;
}
