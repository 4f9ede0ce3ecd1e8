// A VM's disks from its page, against the real daemon: attach a new volume, grow it, its cache
// and flags, a CD-ROM drive with an ISO inserted and ejected, detach with the volume; then on the
// running VM an ISO inserted live and a disk grown live. Each dialog refuses bad input next to
// the field; each change is checked with virsh, live and persistent. A viewer changes nothing.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { removeGuest } from './guests';
import { makeDirPool, type TestPool } from './pools';
import { mutate, signIn } from './session';

// Each test goes on from the state the one before left (vdb attached, then grown...).
test.describe.configure({ mode: 'serial' });

const name = uniqueName('disks');
let pool: TestPool;

const inactiveXml = () => virsh('dumpxml', name, '--inactive');
const liveXml = () => virsh('dumpxml', name);
const capacity = (vol: string) => /Capacity:\s+(\d+) bytes/.exec(virsh('vol-info', '--bytes', '--pool', pool.name, vol))?.[1];

test.beforeAll(() => {
  pool = makeDirPool('disks');
  virsh('vol-create-as', pool.name, 'root.qcow2', '64M', '--format', 'qcow2');
  virsh('vol-create-as', pool.name, 'install.iso', '1M', '--format', 'raw');
  const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-disks-'));
  try {
    writeFileSync(
      path.join(dir, 'domain.xml'),
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features>
       <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${pool.dir}/root.qcow2'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
    );
    virsh('define', path.join(dir, 'domain.xml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.afterAll(() => {
  removeGuest(name);
  pool?.remove();
});

async function openDisks(page: Page): Promise<void> {
  await page.goto('/vms');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await page.getByTestId('vm-row').filter({ hasText: name }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('tab', { name: 'Disks' }).click();
}

const diskCard = (page: Page, target: string) => page.getByRole('region', { name: `Disk ${target}` });

test('attach a new volume: bad input refused beside each field, then the disk is in the definition', async ({ page }) => {
  await signIn(page);
  await openDisks(page);
  await page.getByRole('button', { name: 'Attach disk…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Attach a disk' });
  await dialog.getByLabel('Volume name').fill('bad name!');
  await dialog.getByLabel('Size (GiB)').fill('0');
  await dialog.getByRole('button', { name: 'Attach' }).click();
  await expect(dialog.getByText('choose a pool', { exact: true })).toBeVisible();
  await expect(dialog.getByText('letters, digits and _ . + - only, starting with a letter or digit')).toBeVisible();
  await expect(dialog.getByText('a size above 0')).toBeVisible();
  expect(inactiveXml()).not.toContain("dev='vdb'");

  await dialog.getByLabel('Pool').selectOption(pool.name);
  await dialog.getByLabel('Volume name').fill('data.qcow2');
  await dialog.getByLabel('Size (GiB)').fill('1');
  await dialog.getByRole('button', { name: 'Attach' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(diskCard(page, 'vdb')).toBeVisible();
  expect(inactiveXml()).toContain(`${pool.dir}/data.qcow2`);
  expect(capacity('data.qcow2')).toBe(String(1024 ** 3));
});

test('grow a disk: a smaller size is refused beside the field, then the volume grows', async ({ page }) => {
  await signIn(page);
  await openDisks(page);
  await diskCard(page, 'vdb').getByRole('button', { name: 'Grow…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Grow disk vdb' });
  await dialog.getByLabel('New size (GiB)').fill('0.5');
  await dialog.getByRole('button', { name: 'Grow' }).click();
  await expect(dialog.getByText("more than the disk's 1 GiB (a disk only grows)")).toBeVisible();
  await dialog.getByLabel('New size (GiB)').fill('2');
  await dialog.getByRole('button', { name: 'Grow' }).click();
  await expect(dialog).toHaveCount(0);
  expect(capacity('data.qcow2')).toBe(String(2 * 1024 ** 3));
});

test('disk settings: cache and read-only saved in the definition', async ({ page }) => {
  await signIn(page);
  await openDisks(page);
  await diskCard(page, 'vdb').getByRole('button', { name: 'Settings…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disk vdb settings' });
  await dialog.getByLabel('Cache').selectOption('none');
  await dialog.getByLabel('Read-only').check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(diskCard(page, 'vdb')).toContainText('cache none');
  const xml = inactiveXml();
  expect(xml).toMatch(/<driver name='qemu' type='qcow2' cache='none'\/>\s*<source file='[^']*data\.qcow2'/);
  expect(xml).toMatch(/<target dev='vdb' bus='virtio'\/>\s*<readonly\/>/);
});

test('a CD-ROM drive: added, an ISO inserted (none chosen is refused), ejected', async ({ page }) => {
  await signIn(page);
  await openDisks(page);
  await page.getByRole('button', { name: 'Add CD-ROM drive…' }).click();
  const add = page.getByRole('dialog', { name: 'Add a CD-ROM drive' });
  await add.getByRole('button', { name: 'Add drive' }).click();
  await expect(add).toHaveCount(0);
  await expect(diskCard(page, 'sda')).toBeVisible();
  expect(inactiveXml()).toMatch(/<disk type='file' device='cdrom'>[\s\S]*?<target dev='sda' bus='sata'\/>/);

  await diskCard(page, 'sda').getByRole('button', { name: 'Insert ISO…' }).click();
  const insert = page.getByRole('dialog', { name: 'Insert an ISO into sda' });
  await insert.getByRole('button', { name: 'Insert' }).click();
  await expect(insert.getByText('choose a pool', { exact: true })).toBeVisible();
  await insert.getByLabel('Pool').selectOption(pool.name);
  await insert.getByRole('combobox', { name: 'ISO volume' }).selectOption('install.iso');
  await insert.getByRole('button', { name: 'Insert' }).click();
  await expect(insert).toHaveCount(0);
  expect(inactiveXml()).toContain(`${pool.dir}/install.iso`);
  await diskCard(page, 'sda').getByRole('button', { name: 'Eject' }).click();
  await expect(diskCard(page, 'sda').getByRole('button', { name: 'Eject' })).toHaveCount(0);
  expect(inactiveXml()).not.toContain('install.iso');
});

test('detach a disk with its volume, behind a confirmation that names it', async ({ page }) => {
  await signIn(page);
  await openDisks(page);
  await diskCard(page, 'vdb').getByRole('button', { name: 'Detach…' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Detach vdb from ${name}?` });
  await dialog.getByLabel(/Also delete its volume data\.qcow2/).check();
  await dialog.getByRole('button', { name: 'Detach and delete data.qcow2' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(diskCard(page, 'vdb')).toHaveCount(0);
  expect(inactiveXml()).not.toContain("dev='vdb'");
  expect(virsh('vol-list', pool.name)).not.toContain('data.qcow2');
});

test('on the running VM: an ISO inserted live, a disk grown live, no CD-ROM drive added', async ({ page }) => {
  virsh('start', name);
  await signIn(page);
  await openDisks(page);
  await expect(page.getByRole('button', { name: 'Add CD-ROM drive…' })).toBeDisabled();
  await diskCard(page, 'sda').getByRole('button', { name: 'Insert ISO…' }).click();
  const insert = page.getByRole('dialog', { name: 'Insert an ISO into sda' });
  await insert.getByLabel('Pool').selectOption(pool.name);
  await insert.getByRole('combobox', { name: 'ISO volume' }).selectOption('install.iso');
  await insert.getByRole('button', { name: 'Insert' }).click();
  await expect(insert).toHaveCount(0);
  for (const xml of [liveXml(), inactiveXml()]) expect(xml).toContain(`${pool.dir}/install.iso`);

  await diskCard(page, 'vda').getByRole('button', { name: 'Grow…' }).click();
  const grow = page.getByRole('dialog', { name: 'Grow disk vda' });
  await grow.getByLabel('New size (GiB)').fill('0.125');
  await grow.getByRole('button', { name: 'Grow' }).click();
  await expect(grow).toHaveCount(0);
  await expect(page.getByText('Disk vda grown')).toBeVisible();
  expect(capacity('root.qcow2')).toBe(String(128 * 1024 ** 2));
});

test('a viewer sees the disks and no way to change them', async ({ page, browser }) => {
  await signIn(page);
  const viewer = `${name}-viewer`;
  await mutate(page, 'user.create', { username: viewer, password: 'viewer-password-1', role: 'viewer' });
  const context = await browser.newContext();
  const look = await context.newPage();
  await signIn(look, viewer, 'viewer-password-1');
  await openDisks(look);
  await expect(diskCard(look, 'vda')).toBeVisible();
  await expect(look.getByRole('button', { name: 'Attach disk…' })).toHaveCount(0);
  await expect(diskCard(look, 'vda').getByRole('button', { name: 'Grow…' })).toHaveCount(0);
  await expect(diskCard(look, 'sda').getByRole('button', { name: 'Detach…' })).toHaveCount(0);
  await context.close();
});
