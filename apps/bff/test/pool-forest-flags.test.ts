// The pool's backing forest says which volumes an admin may reclaim: an overlay whose parent is
// gone is "missing parent" (not an external one), and a volume no VM and no overlay uses is
// "unused"; a base under an overlay and the overlay a VM's disk reads are neither.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, startTestBff, type SessionCookie, type TestBff } from './harness.js';

describe('pool forest: missing parents and unused volumes', () => {
  const pool = uniqueName('flagpool');
  const domain = uniqueName('flagdom');
  let dir = '';
  let bff: TestBff;
  let viewer: SessionCookie;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-flags-'));
    virsh('pool-create-as', pool, 'dir', '--target', dir);
    virsh('vol-create-as', pool, 'base.raw', '1M', '--format', 'raw');
    virsh('vol-create-as', pool, 'overlay.qcow2', '1M', '--format', 'qcow2', '--backing-vol', path.join(dir, 'base.raw'), '--backing-vol-format', 'raw');
    virsh('vol-create-as', pool, 'idle.raw', '1M', '--format', 'raw');
    // An overlay whose base was deleted behind libvirt's back (-u: qemu-img does not open it).
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-u', '-b', path.join(dir, 'deleted-base.raw'), '-F', 'raw', path.join(dir, 'orphan.qcow2'), '1M']);
    virsh('pool-refresh', pool);
    const xml = path.join(dir, 'dom.xml');
    writeFileSync(
      xml,
      `<domain type='qemu'><name>${domain}</name><memory unit='MiB'>32</memory><os><type arch='x86_64' machine='pc'>hvm</type></os><devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${path.join(dir, 'overlay.qcow2')}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
    );
    virsh('define', xml);
    rmSync(xml);
    bff = await startTestBff();
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'flag-viewer', password: 'viewer-password-1', role: 'viewer' });
    viewer = await bff.signIn('flag-viewer', 'viewer-password-1');
  });

  afterAll(async () => {
    virshQuietly('undefine', domain);
    virshQuietly('pool-destroy', pool);
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('flags the orphan as missing its parent and the volumes nothing uses as unused', async () => {
    const forest = await bff.client(viewer).storage.pool.forest.query({ hostId: bff.hostId, name: pool });
    const all = forest.roots.flatMap((r) => [r, ...r.children]);
    const byName = new Map(all.map((n) => [n.volume.name, n]));
    expect(byName.get('orphan.qcow2')).toMatchObject({ missingParent: path.join(dir, 'deleted-base.raw'), unused: true });
    expect(byName.get('orphan.qcow2')?.externalParent).toBeUndefined();
    expect(byName.get('idle.raw')).toMatchObject({ unused: true });
    expect(byName.get('base.raw')?.unused).toBeUndefined();
    expect(byName.get('overlay.qcow2')?.unused).toBeUndefined();
    expect(byName.get('overlay.qcow2')?.usedBy).toEqual([{ domain, disk: 'vda', depth: 0 }]);
  });
});
