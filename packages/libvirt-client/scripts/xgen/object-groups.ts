// Which file of src/gen a definition of remote_protocol.x goes to: one file per libvirt object
// (remote-domain.gen.ts, remote-storage.gen.ts, ...), found from its name. The first rule whose
// pattern matches the name (lower case, without `remote_` and `nonnull_`) wins, so sub-objects
// come before their owner: `domain_snapshot_*` is a snapshot, `domain_interface_*` a domain,
// `connect_list_all_storage_pools_*` storage. Names no rule matches (typed params, strings,
// UUIDs, auth, the procedure enum) are the connection's own.

/** Each object's file id (`remote-<id>.gen.ts`) and what its header says it holds. */
export const remoteObjects = {
  connect: 'the connection: open, auth, capabilities, typed parameters, shared types',
  host: 'the host (node) itself: CPU, memory, power',
  domain: 'domains (guests): lifecycle, XML, devices, block jobs, stats',
  'domain-event': 'the events of domains (lifecycle, block jobs, devices, ...)',
  'domain-migration': 'domain migration',
  snapshot: 'domain snapshots',
  checkpoint: 'domain checkpoints',
  storage: 'storage pools and volumes',
  network: 'virtual networks and their ports',
  nwfilter: 'network filters and their bindings',
  interface: 'host network interfaces',
  'node-device': 'host devices',
  secret: 'secrets',
} as const;
export type RemoteObject = keyof typeof remoteObjects;

const rules: readonly (readonly [RegExp, RemoteObject])[] = [
  [/snapshot/, 'snapshot'],
  [/checkpoint/, 'checkpoint'],
  [/^domain_event|^connect_domain_event/, 'domain-event'],
  [/^domain_migrate|migration/, 'domain-migration'],
  [/^domain/, 'domain'],
  [/node_device|node_num_of_devices|node_list_devices/, 'node-device'],
  [/^node/, 'host'],
  [/storage/, 'storage'],
  [/nwfilter/, 'nwfilter'],
  [/network/, 'network'],
  [/interface/, 'interface'],
  [/secret/, 'secret'],
  [/domain/, 'domain'],
];

export function remoteObjectOf(name: string): RemoteObject {
  const key = name.toLowerCase().replace(/^remote_/, '').replace(/^nonnull_/, '');
  return rules.find(([pattern]) => pattern.test(key))?.[1] ?? 'connect';
}
