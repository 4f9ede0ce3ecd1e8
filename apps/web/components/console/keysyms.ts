// Text to X11 keysyms, for typing a paste into a VNC console key by key. Latin-1 characters are
// their own keysyms; other Unicode characters are 0x01000000 + code point; a few control keys
// have their own.
const SPECIAL: Record<string, number> = { '\n': 0xff0d, '\r': 0xff0d, '\t': 0xff09, '\b': 0xff08, '\u001b': 0xff1b };

export function keysymsOf(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const special = SPECIAL[ch];
    if (special !== undefined) {
      out.push(special);
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) out.push(cp);
    else if (cp > 0xff) out.push(0x01000000 + cp);
  }
  return out;
}
