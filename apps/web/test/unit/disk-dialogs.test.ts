// The pure parts of the disk dialogs: which field a message goes beside (the contract's schema
// by whole path, a server refusal that names its field), and the words of a disk change's answer.
import { attachDiskSchema } from '@virtdeck/contract/disk';
import { describe, expect, it } from 'vitest';
import { describeDiskChange } from '../../components/vm/disks/describe-disk-change';
import { diskFormErrors, refusedField } from '../../components/vm/disks/disk-form-errors';

const uuid = '00000000-0000-4000-8000-000000000001';

describe('disk dialog errors', () => {
  it('puts each schema message beside its own nested field, only once the user tried to save', () => {
    const input = { hostId: 'h', uuid, source: { kind: 'new', pool: '', volume: 'bad name!', capacityGiB: Number.NaN, format: 'qcow2' } };
    expect(diskFormErrors(attachDiskSchema, input, false)).toEqual({});
    expect(diskFormErrors(attachDiskSchema, input, true)).toEqual({
      'source.pool': 'choose a pool',
      'source.volume': 'letters, digits and _ . + - only, starting with a letter or digit',
      'source.capacityGiB': 'a size above 0',
    });
  });

  it('reads the field a server refusal names, and nothing else', () => {
    expect(refusedField("capacityGiB: more than the disk's 2 GiB (a disk only grows)", ['capacityGiB'])).toEqual({ field: 'capacityGiB', message: "more than the disk's 2 GiB (a disk only grows)" });
    expect(refusedField('Attaching x as sdb was refused: no', ['capacityGiB'])).toBeNull();
    expect(refusedField('pool: gone', ['capacityGiB'])).toBeNull();
  });
});

describe('describeDiskChange', () => {
  it('says what waits and warns', () => {
    expect(describeDiskChange('Disk vdb detached', { disk: 'vdb', live: 'waiting-for-guest', definition: true, note: 'The guest has not released vdb yet.', volume: null })).toEqual({
      title: 'Disk vdb detached: not complete yet',
      description: 'Waiting for the guest to release the disk. The guest has not released vdb yet.',
      warn: true,
    });
    expect(describeDiskChange('Disk vdb attached', { disk: 'vdb', live: 'applied', definition: true, note: null })).toMatchObject({ warn: false, description: 'Applied to the running VM and its definition.' });
  });
});
