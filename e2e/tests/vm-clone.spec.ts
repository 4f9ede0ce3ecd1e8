// Cloning a VM from its page, against the real daemon: the dialog refuses a bad name and a
// missing pool next to their fields, and a name the host already has (the server's refusal,
// next to the field); then a full clone into the test's own pool opens the clone's page. virsh
// checks the clone's definition: a new name, UUID and MAC, its own copied disk.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { makeDirPool, type TestPool } from './pools';
import { signIn } from './session';

const name = uniqueName('clonesrc');
const clone = uniqueName('clone');
const MAC = '52:54:00:5e:20:01';
let dir = '';
let pool: TestPool;

const quiet = (...args: string[]) => {
  try {
    virsh(...args);
  } catch {
    // not running, or already gone
  }
};

test.beforeAll(() => {
  pool = makeDirPool('clonepool');
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path.join(pool.dir, 'src.qcow2'), '16M']);
  virsh('pool-refresh', pool.name);
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-clone-'));
  writeFileSync(
    path.join(dir, 'guest.xml'),
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>
     <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${pool.dir}/src.qcow2'/><target dev='vda' bus='virtio'/></disk>
     <interface type='user'><mac address='${MAC}'/><model type='virtio'/></interface></devices></domain>`,
  );
  virsh('define', path.join(dir, 'guest.xml'));
});

test.afterAll(() => {
  for (const n of [clone, name]) quiet('undefine', n);
  pool?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('clone: bad input and a taken name refused next to the fields, then a full clone opens its page', async ({ page }) => {
  await signIn(page);
  await page.goto('/vms');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await page.getByTestId('vm-row').filter({ hasText: name }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: 'Clone…' }).click();
  const dialog = page.getByRole('dialog', { name: `Clone ${name}` });
  await dialog.getByLabel('Name of the clone').fill('bad name!');
  await dialog.getByRole('button', { name: 'Clone' }).click();
  await expect(dialog.getByText('letters, digits and _ . + - only, starting with a letter or digit')).toBeVisible();
  await expect(dialog.getByTestId('error-clone-pool')).toHaveText('choose a pool');

  await dialog.getByLabel('Into pool').selectOption(pool.name);
  await dialog.getByLabel('Name of the clone').fill(name);
  await dialog.getByRole('button', { name: 'Clone' }).click();
  await expect(dialog.getByText(`a VM named ${name} exists on this host`)).toBeVisible();
  expect(virsh('vol-list', pool.name)).not.toContain(`${name}-vda`);

  await dialog.getByLabel('Name of the clone').fill(clone);
  await dialog.getByRole('button', { name: 'Clone' }).click();
  await expect(page.getByRole('heading', { level: 1, name: clone })).toBeVisible({ timeout: 30_000 });
  const xml = virsh('dumpxml', clone, '--inactive');
  expect(xml).toContain(`<source file='${pool.dir}/${clone}-vda.qcow2'/>`);
  expect(xml).not.toContain(MAC);
  expect(virsh('domuuid', clone).trim()).not.toBe(virsh('domuuid', name).trim());
});
