export const ROLE_OPTIONS = [
  { value: 'viewer', label: 'Viewer — reads only' },
  { value: 'operator', label: 'Operator — runs VMs, storage, networks' },
  { value: 'admin', label: 'Admin — also users, hosts, audit' },
] as const;

export type Role = (typeof ROLE_OPTIONS)[number]['value'];
