/** The BFF's plain-HTTP volume transfer endpoints (forwarded by the web server under /api). */
export function transferUrl(kind: 'upload' | 'download', hostId: string, pool: string, volume: string): string {
  const q = new URLSearchParams({ pool, volume });
  return `/api/hosts/${encodeURIComponent(hostId)}/volumes/${kind}?${q}`;
}
