// A block job's kind in words (libvirt's job type names, as the BFF reports them).
const LABELS: Record<string, string> = {
  copy: 'Block copy',
  commit: 'Block commit',
  active_commit: 'Active commit',
  pull: 'Block pull',
  backup: 'Backup',
};

export const jobLabel = (type: string | null): string => (type && LABELS[type]) || 'Block job';
