// Where a new VM made from others' disks (a clone, a restored backup) goes: its name must be free
// on the host, its pool active, and the volumes it will write not taken; each refusal stands next
// to the form field it is about.
import { isNoDomain, isNoStoragePool, type Libvirt } from '@virtdeck/libvirt-client';
import { fieldError } from '../field-error.js';

export async function checkNewVmTarget(lv: Libvirt, name: string, pool: string, volumes: readonly string[]): Promise<void> {
  const exists = await lv.domains.lookup(name).then(
    () => true,
    (e: unknown) => {
      if (isNoDomain(e)) return false;
      throw e;
    },
  );
  if (exists) throw fieldError('name', `a VM named ${name} exists on this host`);
  const summary = await lv.pools.get(pool).catch((e: unknown) => {
    throw isNoStoragePool(e) ? fieldError('pool', `there is no pool ${pool} on this host`) : e;
  });
  if (summary.state !== 'running') throw fieldError('pool', `the pool ${pool} is not active`);
  const names = new Set((await lv.volumes.list(pool)).map((v) => v.name));
  const taken = volumes.find((v) => names.has(v));
  if (taken) throw fieldError('name', `the pool ${pool} already has a volume ${taken}; choose another name`);
}
