// The choices of the disk dialogs, from the contract's lists, with words for people.
import { CDROM_BUSES, DISK_BUSES, DISK_CACHES, DISK_DISCARDS, DISK_IOS } from '@virtdeck/contract/disk';

const opts = (values: readonly string[], label: (v: string) => string = (v) => v) => values.map((value) => ({ value, label: label(value) }));
const orDefault = (v: string) => (v === 'default' ? 'hypervisor default' : v);

export const BUS_OPTIONS = opts(DISK_BUSES);
export const CDROM_BUS_OPTIONS = opts(CDROM_BUSES);
export const CACHE_OPTIONS = opts(DISK_CACHES, orDefault);
export const IO_OPTIONS = opts(DISK_IOS, orDefault);
export const DISCARD_OPTIONS = opts(DISK_DISCARDS, orDefault);
export const FORMAT_OPTIONS = opts(['qcow2', 'raw']);
