'use client';
// zod parses without probing for eval (the pages' CSP has no 'unsafe-eval') because
// @virtdeck/contract's schemas are all built with its configured zod (packages/contract/src/zod-jitless.ts),
// which says so before any schema exists. This component no longer imports zod, so zod loads only
// with the pages that parse; it is left for the root layout to drop (helper A's file).
export function ZodWithoutEval() {
  return null;
}
