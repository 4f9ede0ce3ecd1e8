// vCPUs and memory, current and maximum. The persistent definition always takes the new values;
// a running VM takes the current vCPUs and memory live when libvirt and the guest allow it
// (vCPU hot-plug, balloon). Maximums of a running QEMU are fixed at its start, so those changes,
// and any live change refused, apply at the next boot and are reported as pending.
import type { Libvirt } from '@virtdeck/libvirt-client';
import { parseDomainXml } from '@virtdeck/libvirt-xml';
import type { EditResult, SetResourcesInput } from '@virtdeck/contract/domain-edit';
import { EditSteps } from './edit-steps.js';

/** How long a guest's balloon driver gets to reach a new target before the change counts as pending. */
const BALLOON_WAIT_MS = 5000;
const BALLOON_POLL_MS = 250;

/**
 * Waits until the guest reports the balloon target reached (libvirt updates the domain's current
 * memory from QEMU's balloon events), at most BALLOON_WAIT_MS: a guest without a balloon driver
 * never does, and the check after the edit then reports the memory as pending.
 */
async function balloonSettled(lv: Libvirt, uuid: string, targetKiB: number): Promise<void> {
  const deadline = Date.now() + BALLOON_WAIT_MS;
  while ((await lv.domains.get(uuid)).memoryKiB !== targetKiB && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, BALLOON_POLL_MS));
  }
}

export async function setResources(lv: Libvirt, input: SetResourcesInput): Promise<EditResult> {
  const { uuid } = input;
  const running = (await lv.domains.get(uuid)).id !== null;
  const config = parseDomainXml(await lv.domains.getXml(uuid, { inactive: true }));
  const live = running ? parseDomainXml(await lv.domains.getXml(uuid)) : null;
  const steps = new EditSteps(lv, uuid);
  const memoryKiB = input.memoryMiB * 1024;
  const maxMemoryKiB = input.maxMemoryMiB * 1024;

  // A maximum that grows is set before the current value, one that shrinks after it, so the
  // current value never exceeds the maximum in between.
  const setMaxVcpus = () => steps.must('maxVcpus', 'config', () => lv.domains.setVcpus(uuid, input.maxVcpus, ['MAXIMUM', 'CONFIG']));
  const setMaxMemory = () => steps.must('maxMemoryMiB', 'config', () => lv.domains.setMemory(uuid, maxMemoryKiB, ['MAXIMUM', 'CONFIG']));
  const growsVcpus = input.maxVcpus > config.maxVcpus;
  const growsMemory = maxMemoryKiB > config.memoryKiB;

  if (growsVcpus) await setMaxVcpus();
  if (input.vcpus !== config.vcpus) await steps.must('vcpus', 'config', () => lv.domains.setVcpus(uuid, input.vcpus, ['CONFIG']));
  if (input.maxVcpus < config.maxVcpus) await setMaxVcpus();

  if (growsMemory) await setMaxMemory();
  if (memoryKiB !== config.currentMemoryKiB) await steps.must('memoryMiB', 'config', () => lv.domains.setMemory(uuid, memoryKiB, ['CONFIG']));
  if (maxMemoryKiB < config.memoryKiB) await setMaxMemory();

  if (live) {
    if (input.vcpus !== live.vcpus) {
      if (input.vcpus <= live.maxVcpus) await steps.live('vcpus', () => lv.domains.setVcpus(uuid, input.vcpus, ['LIVE']));
      else steps.markPending('vcpus');
    }
    // A balloon request is sent only for a new value: one the guest ignored stays pending.
    if (memoryKiB !== live.currentMemoryKiB && memoryKiB !== config.currentMemoryKiB) {
      if (memoryKiB <= live.memoryKiB)
        await steps.live('memoryMiB', async () => {
          await lv.domains.setMemory(uuid, memoryKiB, ['LIVE']);
          await balloonSettled(lv, uuid, memoryKiB);
        });
      else steps.markPending('memoryMiB');
    }
    if (input.maxVcpus !== live.maxVcpus) steps.markPending('maxVcpus');
    if (maxMemoryKiB !== live.memoryKiB) steps.markPending('maxMemoryMiB');
    // What the VM runs with now, not what libvirt accepted: a guest without a balloon driver
    // keeps its memory.
    const now = parseDomainXml(await lv.domains.getXml(uuid));
    if (now.vcpus !== input.vcpus) steps.notTakenLive('vcpus', input.vcpus !== config.vcpus);
    if (now.currentMemoryKiB !== memoryKiB) steps.notTakenLive('memoryMiB', memoryKiB !== config.currentMemoryKiB);
  }
  return steps.result();
}
