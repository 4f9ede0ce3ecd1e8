// Leaf-by-leaf comparison of two survey documents (survey.ts against oracle.py).
import type { Json } from './survey.js';

export interface Comparison {
  /** Leaves (strings, booleans, nulls, empty lists and objects) compared. */
  leaves: number;
  /** Paths where the two differ, with both values (the first 20). */
  differences: { path: string; ts: unknown; c: unknown }[];
  differenceCount: number;
}

export function compare(ts: Json, c: Json): Comparison {
  const out: Comparison = { leaves: 0, differences: [], differenceCount: 0 };
  const differ = (path: string, a: unknown, b: unknown): void => {
    out.differenceCount++;
    if (out.differences.length < 20) out.differences.push({ path, ts: a, c: b });
  };
  const walk = (path: string, a: Json | undefined, b: Json | undefined): void => {
    if (a === undefined || b === undefined) return differ(path, a ?? '(missing)', b ?? '(missing)');
    const aObj = typeof a === 'object' && a !== null;
    const bObj = typeof b === 'object' && b !== null;
    if (!aObj || !bObj) {
      out.leaves++;
      if (a !== b) differ(path, a, b);
      return;
    }
    if (Array.isArray(a) !== Array.isArray(b)) return differ(path, a, b);
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) differ(`${path}.length`, a.length, b.length);
      if (a.length === 0 && b.length === 0) out.leaves++;
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(`${path}[${i}]`, a[i], b[i]);
      return;
    }
    const ao = a as Record<string, Json>;
    const bo = b as Record<string, Json>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    if (keys.size === 0) out.leaves++;
    for (const k of keys) walk(`${path}.${k}`, ao[k], bo[k]);
  };
  walk('$', ts, c);
  return out;
}
