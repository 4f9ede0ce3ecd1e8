// The one zod every schema here is built with. In the browser the pages' CSP has no
// 'unsafe-eval', and zod 4 would probe for it with `Function('')` on the first object parse (a
// CSP violation on every page with a form); jitless is what it falls back to anyway, so say so
// before any schema exists. Set here rather than in the web's root layout, so zod loads only with
// the pages that parse (the VM list and the home page need none of it). The BFF keeps zod's
// compiled parsers.
import { z } from 'zod';

// In a browser only (no DOM types here: globalThis is what both have).
if ('window' in globalThis) z.config({ jitless: true });

export { z };
