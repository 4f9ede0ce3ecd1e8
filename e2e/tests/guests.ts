// Guests the browser tests make behind the dashboard's back, with virsh: a TCG guest whose disk is
// a qcow2 image (the top of a chain the test built with qemu-img), and its removal.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { virsh } from './daemon';

/** Defines and starts `name` on `diskFile` (qcow2, as vda); answers the guest's uuid. */
export function startGuestOnDisk(name: string, diskFile: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-guest-'));
  try {
    writeFileSync(
      path.join(dir, 'domain.xml'),
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>
       <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${diskFile}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
    );
    virsh('define', path.join(dir, 'domain.xml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  virsh('start', name);
  return virsh('domuuid', name).trim();
}

/** Forces the guest off and undefines it with its snapshots' metadata; what is gone is fine. */
export function removeGuest(name: string): void {
  for (const args of [['destroy', name], ['undefine', name, '--snapshots-metadata']]) {
    try {
      virsh(...args);
    } catch {
      // not running, or never defined
    }
  }
}
