// The words for an edit's answer: what the VM took now, what waits for the next boot, and
// why libvirt refused a live change.
import type { EditResult } from '@virtdeck/contract/domain-edit';

const LABELS: Record<string, string> = {
  vcpus: 'vCPUs',
  maxVcpus: 'maximum vCPUs',
  memoryMiB: 'memory',
  maxMemoryMiB: 'maximum memory',
  boot: 'boot order and menu',
  title: 'title',
  description: 'description',
  definition: 'definition',
};
export const fieldLabel = (field: string) => LABELS[field] ?? field;

export function describeResult(result: EditResult): { title: string; description?: string } {
  if (result.changed.length === 0 && result.pending.length === 0) return { title: 'Nothing to change' };
  const live = result.changed.filter((c) => c.appliedTo === 'live-and-config').map((c) => fieldLabel(c.field));
  const pending = result.pending.map(fieldLabel);
  const parts = [live.length ? `Applied now: ${live.join(', ')}.` : '', pending.length ? `At the next boot: ${pending.join(', ')}.` : '', result.liveRefusal ? `libvirt refused the live change: ${result.liveRefusal}` : ''];
  const description = parts.filter(Boolean).join(' ');
  return { title: pending.length ? 'Saved; some changes wait for the next boot' : 'Saved', ...(description && { description }) };
}
