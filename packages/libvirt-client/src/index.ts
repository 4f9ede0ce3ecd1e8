// Public API: the facade, the error classes and predicates, and types; below them, the whole
// protocol (every generated REMOTE, QEMU and LXC procedure, event, codec, type and constant) and
// the connection the facade runs on, for what the facade does not wrap.
export { Libvirt, type DomainSummary, type HypervisorInfo } from './facade/libvirt.js';
export { Host, type NodeInfo, type HostVersions, type NodeCpuStats, type NodeMemoryStats } from './facade/host.js';
export {
  Domains,
  domainStateReasonName,
  type DomainStateInfo,
  type DomainInfo,
  type DomainXmlOptions,
  type DomainStats,
  type DomainStatsGroup,
  type DomainStatsOptions,
} from './facade/domains.js';
export type { DomainParamGroup, ParamImpact } from './facade/domain-params.js';
export { Pools, type PoolSummary, type PoolStateName } from './facade/pools.js';
export { Volumes, type VolumeSummary, type VolumeTypeName, type TransferOptions, type ProgressCallback, type ByteSource } from './facade/volumes.js';
export { Snapshots, type SnapshotHandle, type SnapshotSummary } from './facade/snapshots.js';
export { Checkpoints, isNoDomainCheckpoint, type CheckpointHandle, type CheckpointSummary } from './facade/checkpoints.js';
export { Backups, parseJobStats, type JobStats, type JobTypeName, type JobOperationName } from './facade/backups.js';
export { BlockJobs, type BlockJobInfo, type BlockJobTypeName, type BlockCommitOptions, type BlockCopyParams } from './facade/block-jobs.js';
export { Networks, type DhcpLease, type NetworkSummary, type NetworkUpdate, type NetworkUpdateCommand, type NetworkUpdateSection } from './facade/networks.js';
export {
  Guests,
  parseGuestInfo,
  type GuestInfo,
  type GuestInfoType,
  type GuestOs,
  type GuestFileSystem,
  type GuestUser,
  type GuestInterface,
  type InterfaceAddress,
  type InterfaceAddressSource,
} from './facade/guests.js';
export {
  Events,
  type EventStream,
  type EventOptions,
  type DomainEventOptions,
  type DomainLifecycleEvent,
  type BlockJobEvent,
  type RebootEvent,
  type GraphicsEvent,
  type DeviceEvent,
  type GraphicsAddress,
  type PoolLifecycleEvent,
  type NetworkLifecycleEvent,
} from './facade/events.js';
export {
  domainLifecycleEventName,
  domainLifecycleDetailName,
  blockJobStatusName,
  blockJobTypeName,
  type DomainLifecycleEventName,
  type BlockJobStatusName,
  type BlockJobEventTypeName,
  type GraphicsPhaseName,
  type PoolLifecycleEventName,
  type NetworkLifecycleEventName,
} from './facade/event-names.js';
export type { ConsoleStream } from './facade/console.js';
export type { DomainHandle, DomainRef, PoolHandle, PoolRef, VolumeHandle, VolumeRef, NetworkHandle, NetworkRef, ObjectId } from './facade/refs.js';
export { decodeTypedParams, type TypedParams, type TypedValue } from './facade/typed-params.js';
export type { Flags } from './facade/names.js';
export type { DomainStateName } from './facade/domain-state.js';
export { formatUuid, parseUuid } from './facade/uuid.js';
export { formatVersion } from './facade/version.js';
export * from './facade/errors.js';
export { LibvirtClientError, LibvirtError, ProtocolError, TransportError, TimeoutError, type LibvirtErrorDetails } from './errors.js';
// The error code tables, for mapping errors (e.g. to TRPCError data) beyond the predicates.
export { VirErrorNumber, VirErrorDomain } from './gen/index.js';
export { xdrVoid, XdrReader, XdrWriter, type ProcedureDef, type MessageDef, type XdrCodec, type StreamDirection } from './xdr/index.js';
export { openConnection, DEFAULT_KEEPALIVE, type OpenOptions } from './client.js';
export {
  RpcConnection,
  type CallOptions,
  type StreamOptions,
  type ConnectionOptions,
  type ConnectionStats,
  type ConnectionClosed,
} from './rpc/connection.js';
export { RpcReadStream, RpcWriteStream, RpcDuplexStream } from './rpc/streams.js';
export type { Subscription, SubscribeOptions } from './rpc/events.js';
export type { KeepaliveOptions } from './rpc/keepalive.js';
// Generated from libvirt's .x files and headers: remoteProcedures, qemuProcedures, lxcProcedures,
// *Messages, the Remote*/Qemu*/Lxc* argument and reply types with their codecs, Vir* enums and flags.
export * from './gen/index.js';
export { createSshTunnels, openSshTunnel, parseLibvirtUri, type LibvirtUri, type SshTunnels } from './transport/index.js';
