/**
 * @virtdeck/libvirt-xml: libvirt XML ↔ typed models. Pure: no I/O, no libvirt connection.
 * Parsers throw {@link XmlError}; builders throw {@link BuildError}.
 */
export { XmlError, BuildError, isXmlError, isBuildError } from './errors.js';
export type { XmlErrorCode, XmlErrorOptions } from './errors.js';
export { escapeXml, isXmlSafe } from './escape.js';
export { MAX_XML_DEPTH, MAX_XML_LENGTH } from './parse/xml.js';

export { parseDomainXml } from './parse/domain.js';
export { parseVolumeXml } from './parse/volume.js';
export { parsePoolXml } from './parse/pool.js';
export { parseNetworkXml } from './parse/network.js';
export { parseCapabilitiesXml, type CapabilitiesSummary } from './parse/capabilities.js';
export { parseSnapshotXml } from './parse/snapshot.js';
export { unitMultiplier } from './parse/units.js';

export { buildBackingForest, dependantsOf } from './tree/backing-forest.js';
export { chainPaths, layerPath } from './chain-paths.js';
export type { BackingForest, BackingForestOptions, BackingNode, Dependants, DiskUse, ForestDomain, ForestVolume } from './tree/backing-forest.js';
export { buildSnapshotTree } from './tree/snapshot-tree.js';
export type { SnapshotLike, SnapshotTreeNode } from './tree/snapshot-tree.js';

export type * from './model/backing-chain.js';
export type * from './model/domain.js';
export type * from './model/storage.js';
export type * from './model/network.js';
export type * from './model/snapshot.js';
export type { Known } from './model/known.js';

export { buildDomainXml } from './build/domain.js';
export type { BootDevice, DiskBus, DomainDiskSpec, DomainSpec, VideoModel } from './build/domain.js';
export { buildPoolXml } from './build/pool.js';
export type { FsFormat, PoolSpec } from './build/pool.js';
export { buildVolumeXml } from './build/volume.js';
export type { VolumeSpec } from './build/volume.js';
export { buildNetworkXml, buildDhcpHostXml, NETWORK_FORWARDS } from './build/network.js';
export type { DhcpHostSpec, NetworkForward, NetworkIpSpec, NetworkSpec } from './build/network.js';
export { buildSnapshotXml } from './build/snapshot.js';
export type { SnapshotSpec } from './build/snapshot.js';
export { buildCdromDeviceXml, buildDiskDeviceXml, nextDiskTarget, DISK_CACHE_MODES, DISK_DISCARD_MODES, DISK_IO_MODES } from './build/disk-device.js';
export type { CdromBus, CdromDeviceSpec, DiskCache, DiskDeviceSpec, DiskDiscard, DiskIo, DiskOptions } from './build/disk-device.js';

export { readBootConfig, setDomainBoot } from './edit/domain-boot.js';
export type { BootConfig, BootMenu, BootTarget } from './edit/domain-boot.js';
export { readDomainIdentity } from './edit/domain-identity.js';
export { setSnapshotDescription } from './edit/snapshot-description.js';
export { buildInterfaceXml, MAC_PATTERN, BRIDGE_PATTERN, NIC_MODELS } from './build/interface.js';
export type { InterfaceSpec, NicModel, NicSourceSpec } from './build/interface.js';
export { interfaceXmlOf, changeInterface } from './edit/domain-interface.js';
export type { InterfaceChanges } from './edit/domain-interface.js';
export { cloneDomainXml, randomMac } from './edit/domain-clone.js';
export type { CloneDiskSource, CloneOptions } from './edit/domain-clone.js';
export { diskElementXml, diskTargets, withCdromMedium, withDiskOptions } from './edit/disk-element.js';
