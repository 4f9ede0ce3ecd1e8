// The Backups tab of a VM page, against the real daemon: the admin chooses the host's backup
// target, backs the shut-off VM up twice (a set: the full, then an incremental below it), is
// refused deleting the full (the refusal names the incremental), and restores in place: refused
// until the VM's name is typed, then done.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { makeDirPool, type TestPool } from './pools';
import { signIn } from './session';

const name = uniqueName('bkvm');
let dir = '';
let disks: TestPool;
let target: TestPool;

test.beforeAll(() => {
  disks = makeDirPool('bkdisks');
  target = makeDirPool('bktarget');
  const disk = path.join(disks.dir, 'disk.qcow2');
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', disk, '16M']);
  execFileSync('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x5a 0 2M', disk]);
  virsh('pool-refresh', disks.name);
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-backup-'));
  writeFileSync(
    path.join(dir, 'guest.xml'),
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>
     <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
  );
  virsh('define', path.join(dir, 'guest.xml'));
});

test.afterAll(() => {
  try {
    virsh('destroy', name);
  } catch {
    // not running
  }
  try {
    virsh('undefine', name, '--checkpoints-metadata');
  } catch {
    // already gone
  }
  disks?.remove();
  target?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('backups tab: choose a target, back up twice into one set, deleting the full is refused, restore in place after typing the name', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto('/vms');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await page.getByTestId('vm-row').filter({ hasText: name }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('tab', { name: 'Backups' }).click();

  await page.getByLabel('Backup target (a directory pool of this host)').selectOption(target.name);
  await page.getByRole('button', { name: 'Save target' }).click();
  await expect(page.getByText(`Backups of this host now go to ${target.name}`)).toBeVisible();

  const backUp = page.getByRole('button', { name: 'Back up now' });
  const points = page.getByTestId('backup-point');
  await backUp.click();
  await expect(points).toHaveCount(1, { timeout: 60_000 });
  await expect(points.first()).toContainText('full');
  await expect(backUp).toBeEnabled();
  await backUp.click();
  await expect(points).toHaveCount(2, { timeout: 60_000 });
  await expect(points.nth(1)).toContainText('incremental');
  await expect(page.getByRole('region', { name: /^Backup set of / })).toHaveCount(1);
  expect(virsh('vol-list', target.name)).toContain(`${name}.backup-`);

  // The full is what the incremental reads through: the BFF refuses, naming it.
  await points.first().getByRole('button', { name: /^Delete the full backup of / }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByRole('button', { name: 'Delete backup' }).click();
  await expect(confirm.getByRole('alert')).toContainText('needed by later incrementals: incremental backup of');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(points).toHaveCount(2);

  await points.nth(1).getByRole('button', { name: /^Restore the incremental backup of / }).click();
  const dialog = page.getByRole('dialog', { name: /^Restore the incremental backup of / });
  await dialog.getByLabel('Restore', { exact: true }).selectOption('in-place');
  await dialog.getByLabel(`Type ${name} to confirm`).fill('not-this-vm');
  await dialog.getByRole('button', { name: `Overwrite ${name}` }).click();
  await expect(dialog.getByText(`type the VM's name, ${name}, to confirm that its disks are overwritten`)).toBeVisible();
  await dialog.getByLabel(`Type ${name} to confirm`).fill(name);
  await dialog.getByRole('button', { name: `Overwrite ${name}` }).click();
  await expect(page.getByText(new RegExp(`^${name} restored to `))).toBeVisible({ timeout: 60_000 });
  await expect(dialog).toBeHidden();
});
