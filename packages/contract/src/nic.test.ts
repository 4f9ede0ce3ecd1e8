import { describe, expect, it } from 'vitest';
import { cloneDomainSchema } from './clone.ts';
import { attachNicSchema, macSchema, updateNicSchema } from './nic.ts';

const uuid = '00000000-0000-4000-8000-000000000001';
const fieldErrors = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('NIC schemas', () => {
  it('take a unicast MAC in any case, written in lower case', () => {
    expect(macSchema.parse(' 52:54:00:AB:cd:01 ')).toBe('52:54:00:ab:cd:01');
    expect(macSchema.safeParse('01:00:5e:00:00:01').error?.issues[0]?.message).toMatch(/multicast/);
    expect(macSchema.safeParse('52:54:00:00:00').success).toBe(false);
    expect(macSchema.safeParse('52-54-00-00-00-01').success).toBe(false);
  });

  it('name the field of a bad source next to it', () => {
    expect(fieldErrors(attachNicSchema.safeParse({ uuid, source: { kind: 'bridge', bridge: 'br0/../x' } }))).toEqual({ 'source.bridge': expect.stringMatching(/interface name/) });
    expect(fieldErrors(attachNicSchema.safeParse({ uuid, source: { kind: 'network', network: '' } }))).toEqual({ 'source.network': 'choose a network' });
    expect(attachNicSchema.parse({ uuid, source: { kind: 'user' } })).toEqual({ uuid, source: { kind: 'user' }, model: 'virtio', linkUp: true });
    expect(fieldErrors(updateNicSchema.safeParse({ uuid, mac: '52:54:00:00:00:01', source: { kind: 'user' }, model: 'ne2k_pci' }))).toHaveProperty('model');
  });

  it('refuse a clone name that is no new object name, and no pool', () => {
    expect(fieldErrors(cloneDomainSchema.safeParse({ uuid, name: '../x', pool: '' }))).toEqual({ name: expect.any(String), pool: 'choose a pool' });
  });
});
