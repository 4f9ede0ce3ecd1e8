// Public API: the facade, the error classes and the generated types and tables.
export { Libvirt, type DomainSummary, type HypervisorInfo } from './facade/libvirt.js';
export type { DomainStateName } from './facade/domain-state.js';
export { formatUuid, parseUuid } from './facade/uuid.js';
export { formatVersion } from './facade/version.js';
export { LibvirtClientError, LibvirtError, ProtocolError, TransportError, TimeoutError } from './errors.js';
export type { ProcedureDef, MessageDef, XdrCodec } from './xdr/codec.js';
