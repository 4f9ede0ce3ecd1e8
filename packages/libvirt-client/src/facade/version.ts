// libvirt encodes versions as major * 1,000,000 + minor * 1,000 + release.
export function formatVersion(encoded: bigint | number): string {
  const n = Number(encoded);
  return `${Math.floor(n / 1_000_000)}.${Math.floor(n / 1_000) % 1_000}.${n % 1_000}`;
}
