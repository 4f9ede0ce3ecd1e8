// Tokenizer of the rpcgen XDR dialect: identifiers, numbers, punctuation, `%` passthrough
// lines (kept as tokens so a caller may look at them), and comments. The text of the last
// comment before a token is attached to it as `doc`, which is where libvirt puts the
// `@generate`/`@acl`/`@readstream` annotations of a procedure.
import { XgenError } from './errors.js';

export type TokenKind = 'ident' | 'number' | 'punct' | 'passthrough' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
  /** The last comment that came before this token (and after the previous one), without delimiters. */
  readonly doc: string | null;
}

const PUNCT = new Set(['{', '}', '(', ')', '[', ']', '<', '>', ';', ',', '=', ':', '*', '-']);

export function tokenize(src: string, file: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let doc: string | null = null;
  const push = (kind: TokenKind, text: string, at: number): void => {
    out.push({ kind, text, line: at, doc });
    doc = null;
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    // `%` at the start of a line: passed through to C by rpcgen, meaningless to us.
    if (c === '%' && (i === 0 || src[i - 1] === '\n')) {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      push('passthrough', src.slice(i + 1, stop), line);
      i = stop;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new XgenError('unterminated comment', file, line);
      const body = src.slice(i + 2, end);
      doc = body;
      line += countNewlines(body);
      i = end + 2;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      i = end < 0 ? src.length : end;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < src.length && isIdentPart(src[j] as string)) j++;
      push('ident', src.slice(i, j), line);
      i = j;
      continue;
    }
    if (c >= '0' && c <= '9') {
      let j = i + 1;
      while (j < src.length && /[0-9a-fA-FxXuUlL]/.test(src[j] as string)) j++;
      push('number', src.slice(i, j), line);
      i = j;
      continue;
    }
    if (PUNCT.has(c)) {
      push('punct', c, line);
      i++;
      continue;
    }
    throw new XgenError(`unexpected character ${JSON.stringify(c)}`, file, line);
  }
  push('eof', '', line);
  return out;
}

function countNewlines(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '\n') n++;
  return n;
}

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9');
}
