// The edit dialogs' pure parts: the contract's schema refusing fields as the form shows them,
// and the words that say where a change went.
import { describe, expect, it } from 'vitest';
import { setBootSchema, setResourcesSchema } from '@virtdeck/contract/domain-edit';
import { schemaErrors } from '../../components/vm/edit/schema-errors';
import { describeResult } from '../../components/vm/edit/describe-result';

const uuid = '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5';

describe('schemaErrors', () => {
  it('gives each refused field its first message, keyed by the first path segment', () => {
    expect(schemaErrors(setResourcesSchema, { uuid, vcpus: 5, maxVcpus: 4, memoryMiB: Number.NaN, maxMemoryMiB: 128 })).toEqual({
      vcpus: 'at most the maximum vCPUs',
      memoryMiB: 'a whole number',
    });
    expect(schemaErrors(setBootSchema, { uuid, order: [], menu: { enabled: true, timeoutMs: 70_000 } })).toEqual({
      order: 'choose at least one device to boot from',
      menu: 'at most 65,535',
    });
    expect(schemaErrors(setResourcesSchema, { uuid, vcpus: 1, maxVcpus: 1, memoryMiB: 64, maxMemoryMiB: 64 })).toEqual({});
  });
});

describe('describeResult', () => {
  it('says what applied now and what waits for the next boot, with libvirt\'s reason', () => {
    expect(
      describeResult({
        changed: [
          { field: 'vcpus', appliedTo: 'config' },
          { field: 'title', appliedTo: 'live-and-config' },
        ],
        pending: ['vcpus'],
        liveRefusal: 'no hotpluggable vcpus',
      }),
    ).toEqual({
      title: 'Saved; some changes wait for the next boot',
      description: 'Applied now: title. At the next boot: vCPUs. libvirt refused the live change: no hotpluggable vcpus',
    });
    expect(describeResult({ changed: [{ field: 'boot', appliedTo: 'config' }], pending: [], liveRefusal: null })).toEqual({ title: 'Saved' });
    expect(describeResult({ changed: [], pending: [], liveRefusal: null })).toEqual({ title: 'Nothing to change' });
  });
});
