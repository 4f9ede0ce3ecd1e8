// A host page's address, in a file of its own: the hosts overview (the home page) links to every
// host page, and importing the address from host-page.tsx brought that page's history charts
// (uPlot) and the metrics schemas (zod) into the home page's first load.

/** A host page's address. */
export const hostHref = (hostId: string): string => `/hosts/${encodeURIComponent(hostId)}`;
