export const poolHref = (hostId: string, pool: string) => `/storage/${encodeURIComponent(hostId)}/${encodeURIComponent(pool)}`;
