// What a NIC row says about where the NIC is, for a running VM whose live NICs and definition
// differ: a change that waits for the next start, or a NIC that comes or goes then.
import type { NicPairView } from './nic-types';

export function nicWhere(pair: NicPairView, running: boolean): string | null {
  if (!running) return null;
  const { live, config } = pair;
  if (live && !config) return 'gone at the next start';
  if (!live && config) return 'from the next start';
  if (live && config) {
    const source = (n: typeof live) => `${n.type}:${n.source.network ?? n.source.bridge ?? n.source.dev ?? ''}`;
    if (live.model !== config.model || source(live) !== source(config)) return 'changes at the next start';
  }
  return null;
}
