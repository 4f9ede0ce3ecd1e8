// Pure mapping of raw event numbers to names, from the generated header enums.
import {
  VirConnectDomainEventBlockJobStatus,
  VirDomainBlockJobType,
  VirDomainEventCrashedDetailType,
  VirDomainEventDefinedDetailType,
  VirDomainEventGraphicsPhase,
  VirDomainEventPMSuspendedDetailType,
  VirDomainEventResumedDetailType,
  VirDomainEventShutdownDetailType,
  VirDomainEventStartedDetailType,
  VirDomainEventStoppedDetailType,
  VirDomainEventSuspendedDetailType,
  VirDomainEventType,
  VirDomainEventUndefinedDetailType,
  VirNetworkEventLifecycleType,
  VirStoragePoolEventLifecycleType,
} from '../gen/index.js';
import { enumName } from './names.js';

export type DomainLifecycleEventName = Lowercase<keyof typeof VirDomainEventType>;
export type BlockJobStatusName = Lowercase<keyof typeof VirConnectDomainEventBlockJobStatus>;
export type BlockJobEventTypeName = Lowercase<keyof typeof VirDomainBlockJobType>;
export type GraphicsPhaseName = Lowercase<keyof typeof VirDomainEventGraphicsPhase>;
export type PoolLifecycleEventName = Lowercase<keyof typeof VirStoragePoolEventLifecycleType>;
export type NetworkLifecycleEventName = Lowercase<keyof typeof VirNetworkEventLifecycleType>;

const detailTables: Record<number, Readonly<Record<string, number>>> = {
  [VirDomainEventType.DEFINED]: VirDomainEventDefinedDetailType,
  [VirDomainEventType.UNDEFINED]: VirDomainEventUndefinedDetailType,
  [VirDomainEventType.STARTED]: VirDomainEventStartedDetailType,
  [VirDomainEventType.SUSPENDED]: VirDomainEventSuspendedDetailType,
  [VirDomainEventType.RESUMED]: VirDomainEventResumedDetailType,
  [VirDomainEventType.STOPPED]: VirDomainEventStoppedDetailType,
  [VirDomainEventType.SHUTDOWN]: VirDomainEventShutdownDetailType,
  [VirDomainEventType.PMSUSPENDED]: VirDomainEventPMSuspendedDetailType,
  [VirDomainEventType.CRASHED]: VirDomainEventCrashedDetailType,
};

/** The lifecycle event's name, or null for a number newer than our headers. */
export function domainLifecycleEventName(event: number): DomainLifecycleEventName | null {
  return enumName(VirDomainEventType, event) as DomainLifecycleEventName | null;
}

/** The detail's name within its event (e.g. STOPPED 1 → 'destroyed'), or null when unknown. */
export function domainLifecycleDetailName(event: number, detail: number): string | null {
  const table = detailTables[event];
  return table ? enumName(table, detail) : null;
}

export function blockJobStatusName(status: number): BlockJobStatusName | null {
  return enumName(VirConnectDomainEventBlockJobStatus, status) as BlockJobStatusName | null;
}

export function blockJobTypeName(type: number): BlockJobEventTypeName | null {
  return enumName(VirDomainBlockJobType, type) as BlockJobEventTypeName | null;
}

export function graphicsPhaseName(phase: number): GraphicsPhaseName | null {
  return enumName(VirDomainEventGraphicsPhase, phase) as GraphicsPhaseName | null;
}

export function poolLifecycleEventName(event: number): PoolLifecycleEventName | null {
  return enumName(VirStoragePoolEventLifecycleType, event) as PoolLifecycleEventName | null;
}

export function networkLifecycleEventName(event: number): NetworkLifecycleEventName | null {
  return enumName(VirNetworkEventLifecycleType, event) as NetworkLifecycleEventName | null;
}
