'use client';
// zod 4 compiles object parsers with `Function` when it may, and finds out by calling
// `Function('')`: under the pages' CSP (no 'unsafe-eval') that probe is a violation on every page
// with a form. Parsing without it is what zod falls back to anyway; say so up front.
import { z } from 'zod';

z.config({ jitless: true });

/** Rendered once in the root layout so this module runs in the browser before any form parses. */
export function ZodWithoutEval() {
  return null;
}
