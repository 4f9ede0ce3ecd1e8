// The segment value the dynamic routes are exported for (one page each, lib/path-params.ts); the
// BFF's front maps every real value to it (apps/bff/src/web/path-map.ts). A plain module, not a
// client one: the pages' generateStaticParams run at build time and need the string itself.
export const PLACEHOLDER = '_';
