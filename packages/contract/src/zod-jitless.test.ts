// The contract's zod parses without compiling (no `Function`) in a browser, whose CSP has no
// 'unsafe-eval', and compiles its parsers elsewhere (the BFF).
import { z as plainZod } from 'zod';
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('zod-jitless', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    vi.resetModules();
    // zod's config is global to the process: leave it as the other tests found it.
    plainZod.config({ jitless: undefined });
  });

  it('keeps compiled parsers outside a browser', async () => {
    const { z } = await import('./zod-jitless.ts');
    expect(z.config().jitless).not.toBe(true);
  });

  it('is jitless in a browser, and parses without asking for eval', async () => {
    vi.stubGlobal('window', {});
    const { z } = await import('./zod-jitless.ts');
    expect(z.config().jitless).toBe(true);
    const spy = vi.spyOn(globalThis, 'Function');
    expect(z.object({ a: z.string() }).parse({ a: 'x' })).toEqual({ a: 'x' });
    expect(spy).not.toHaveBeenCalled();
  });
});
