import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { qemuUri, libvirtSocket, uniqueName, virsh } from './daemon';
import { mutate, signIn } from './session';

// Guests and a dir pool of this file's own, made through virsh and qemu-img behind the
// dashboard's back, and removed afterwards. The demo guests are never touched.
const plain = uniqueName('vm');
const chained = uniqueName('chain');
const created = uniqueName('new');
const pool = uniqueName('pool');
const createdVolume = `${created}.qcow2`;
let dir = '';
const base = () => path.join(dir, 'pool', 'base.raw');
const overlay = () => path.join(dir, 'pool', 'overlay.qcow2');

const QEMU_IMG = '/usr/bin/qemu-img';
/** Cleanup: what is already gone is fine, and virsh's complaint about it is not shown. */
const quiet = (fn: () => unknown) => {
  try {
    fn();
  } catch {
    /* already gone */
  }
};
const virshQuiet = (...args: string[]) => quiet(() => execFileSync('virsh', ['-q', '-c', qemuUri(), ...args], { stdio: 'ignore' }));

function domainXml(name: string, disk = ''): string {
  return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
    <os><type arch='x86_64' machine='pc'>hvm</type></os>
    <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>${disk}</devices></domain>`;
}

function define(name: string, xml: string): void {
  const file = path.join(dir, `${name}.xml`);
  writeFileSync(file, xml);
  virsh('define', file);
}

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-vms-'));
  chmodSync(dir, 0o755);
  define(plain, domainXml(plain));

  // A dir pool of our own: the chain's images and the wizard's new volume live in it.
  const poolDir = path.join(dir, 'pool');
  mkdirSync(poolDir);

  // A qcow2 overlay on a raw base; started, so the live XML carries the probed chain.
  execFileSync(QEMU_IMG, ['create', '-q', '-f', 'raw', base(), '16M']);
  execFileSync(QEMU_IMG, ['create', '-q', '-f', 'qcow2', '-b', base(), '-F', 'raw', overlay()]);
  define(
    chained,
    domainXml(chained, `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${overlay()}'/><target dev='vda' bus='virtio'/></disk>`),
  );
  virsh('start', chained);

  virsh('pool-define-as', pool, 'dir', '--target', poolDir);
  virsh('pool-start', pool);
});

test.afterAll(() => {
  for (const name of [plain, chained, created]) {
    virshQuiet('destroy', name);
    virshQuiet('undefine', name);
  }
  virshQuiet('pool-destroy', pool);
  virshQuiet('pool-undefine', pool);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const row = (page: Page, name: string) => page.getByTestId('vm-row').filter({ hasText: name });
const stateBadge = (page: Page) => page.getByTestId('vm-state');

async function openVm(page: Page, name: string): Promise<void> {
  await page.goto('/vms');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await row(page, name).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('the VM list shows a guest defined behind its back, with search, state filter and sorting', async ({ page }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'VMs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Virtual machines' })).toBeVisible();

  const mine = row(page, plain);
  await expect(mine).toBeVisible();
  await expect(mine).toContainText('Shut off');
  await expect(mine).toContainText('64 MiB');
  await expect(row(page, chained)).toContainText('Running');

  // Sorting by name: the header says so, a click flips it.
  const nameHeader = page.getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await page.screenshot({ path: test.info().outputPath('vm-list.png'), fullPage: true });

  // Search by name.
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(plain);
  await expect(page.getByTestId('vm-row')).toHaveCount(1);
  await expect(mine).toBeVisible();

  // State filter: a shut-off guest is hidden by "Running", shown by "Shut off".
  await page.getByRole('searchbox', { name: 'Search by name' }).fill('');
  await page.getByRole('combobox', { name: 'State' }).selectOption('running');
  await expect(row(page, chained)).toBeVisible();
  await expect(mine).toHaveCount(0);
  await page.getByRole('combobox', { name: 'State' }).selectOption('shutoff');
  await expect(mine).toBeVisible();
  await expect(row(page, chained)).toHaveCount(0);

  // A change made with virsh shows in the list without a reload.
  virsh('start', plain);
  await page.getByRole('combobox', { name: 'State' }).selectOption('all');
  await expect(mine).toContainText('Running');
  virsh('destroy', plain);
  await expect(mine).toContainText('Shut off');

  // The same list in the dark, and on a tablet.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 820, height: 1000 });
  // animations: 'disabled' ends colour transitions before the picture.
  await page.screenshot({ path: test.info().outputPath('vm-list-dark-tablet.png'), animations: 'disabled' });
});

test('a VM lifecycle end to end, each change seen live, also from virsh', async ({ page }) => {
  await signIn(page);
  await openVm(page, plain);
  await expect(stateBadge(page)).toHaveText('Shut off');
  const bar = page.getByRole('toolbar', { name: 'Lifecycle' });

  // Disabled buttons say why.
  await expect(bar.getByRole('button', { name: 'Force off' })).toBeDisabled();
  await expect(bar.getByRole('button', { name: 'Force off' })).toHaveAttribute('title', /not running/);

  await bar.getByRole('button', { name: 'Start' }).click();
  await expect(stateBadge(page)).toHaveText('Running');
  await expect(bar.getByRole('button', { name: 'Start' })).toBeDisabled();
  await expect(page.getByTestId('stat-CPU')).not.toHaveText('—', { timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath('vm-overview.png'), fullPage: true });

  await bar.getByRole('button', { name: 'Pause' }).click();
  await expect(stateBadge(page)).toHaveText('Paused');
  await bar.getByRole('button', { name: 'Resume' }).click();
  await expect(stateBadge(page)).toHaveText('Running');

  // Behind the dashboard's back.
  virsh('suspend', plain);
  await expect(stateBadge(page)).toHaveText('Paused');
  virsh('resume', plain);
  await expect(stateBadge(page)).toHaveText('Running');

  // Force off asks first, naming what is lost.
  await bar.getByRole('button', { name: 'Force off' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(`Force off ${plain}?`);
  await expect(dialog).toContainText('unsaved data');
  await dialog.getByRole('button', { name: 'Force off' }).click();
  await expect(stateBadge(page)).toHaveText('Shut off');
  await expect(dialog).toHaveCount(0);
});

test('the Disks tab draws the backing chain of a running guest', async ({ page }) => {
  await signIn(page);
  await openVm(page, chained);
  await page.getByRole('tab', { name: /Disks/ }).click();
  const disk = page.getByRole('region', { name: 'Disk vda' });
  await expect(disk.getByTestId('chain-status')).toHaveText('Chain complete');
  const layers = disk.getByTestId('chain-layer');
  await expect(layers).toHaveCount(2);
  await expect(layers.nth(0)).toContainText('Active layer');
  await expect(layers.nth(0)).toContainText('qcow2');
  await expect(layers.nth(0).getByTestId('chain-source')).toHaveText(overlay());
  await expect(layers.nth(1)).toContainText('Base');
  await expect(layers.nth(1)).toContainText('raw');
  await expect(layers.nth(1).getByTestId('chain-source')).toHaveText(base());
  // Both are volumes of our pool: their virtual size is known.
  await expect(layers.nth(0)).toContainText('Virtual size 16 MiB');
  await expect(layers.nth(1)).toContainText('Virtual size 16 MiB');
  await page.screenshot({ path: test.info().outputPath('vm-disks.png'), fullPage: true });

  // Deleting offers the VM's own overlay (checked) and the base, which nothing else uses, unchecked.
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('forced off first');
  await expect(dialog.getByRole('checkbox', { name: `Delete this volume too: ${overlay()}` })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: `Delete this volume too: ${base()}` })).not.toBeChecked();
  await expect(dialog).toContainText('backing layer 1 · nothing else uses it now');
  await page.screenshot({ path: test.info().outputPath('vm-delete-chain.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('vm-delete-chain-dark.png'), animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Keyboard: arrow keys move between tabs.
  await page.getByRole('tab', { name: /Disks/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /NICs/ })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('tab', { name: 'XML' }).click();
  await expect(page.getByTestId('vm-xml')).toContainText('<backingStore');
  await expect(page.getByTestId('vm-xml')).toContainText(chained);
  await page.screenshot({ path: test.info().outputPath('vm-xml.png'), fullPage: true });

  await page.getByRole('tab', { name: 'Console' }).click();
  // This guest has no graphics and no serial port: the tab says so instead of a console.
  await expect(page.getByText('This domain has no VNC or SPICE graphics and no serial console.')).toBeVisible();
});

test('the wizard creates a VM with a new volume, and deleting it removes the volume too', async ({ page }) => {
  await signIn(page);
  await page.goto('/vms');
  await page.getByRole('link', { name: 'New VM' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New virtual machine' })).toBeVisible();

  // Client-side checks (the BFF's own schema), next to their fields.
  await page.getByLabel('Name', { exact: true }).fill('bad name!');
  await page.getByLabel('Memory (MiB)').fill('');
  await page.getByLabel('vCPUs').fill('300');
  await page.getByRole('button', { name: 'Create VM' }).click();
  await expect(page.getByTestId('error-name')).toContainText('letters, digits');
  await expect(page.getByTestId('error-memoryMiB')).toHaveText('a whole number');
  await expect(page.getByTestId('error-vcpus')).toHaveText('at most 256');
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();

  await page.getByLabel('Name', { exact: true }).fill(created);
  await page.getByLabel('Memory (MiB)').fill('64');
  await page.getByLabel('vCPUs').fill('1');
  await page.getByText('New volume', { exact: true }).click();
  await page.getByLabel('Pool').selectOption(pool);
  await page.getByLabel('Volume name').fill(createdVolume);
  await page.getByLabel('Size (GiB)').fill('0.01');
  await page.getByText('None', { exact: true }).last().click();
  await page.screenshot({ path: test.info().outputPath('vm-new.png'), fullPage: true });
  await page.getByRole('button', { name: 'Create VM' }).click();

  await expect(page.getByRole('heading', { level: 1, name: created })).toBeVisible();
  await expect(page).toHaveURL(/\/vms\/[^/]+\/[0-9a-f-]{36}$/);
  await expect(stateBadge(page)).toHaveText('Shut off');
  expect(virsh('vol-list', '--pool', pool)).toContain(createdVolume);

  // Delete, with its volume checked by default.
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('alertdialog');
  const volumePath = path.join(dir, 'pool', createdVolume);
  await expect(dialog).toContainText(volumePath);
  await expect(dialog.getByRole('checkbox', { name: `Delete this volume too: ${volumePath}` })).toBeChecked();
  await page.screenshot({ path: test.info().outputPath('vm-delete.png') });
  await dialog.getByRole('button', { name: 'Delete VM and 1 volume' }).click();
  await expect(page).toHaveURL(/\/vms$/);
  await expect(row(page, created)).toHaveCount(0);
  expect(virsh('list', '--all', '--name')).not.toContain(created);
  virsh('pool-refresh', pool);
  expect(virsh('vol-list', '--pool', pool)).not.toContain(createdVolume);
});

test('the list stays responsive with a thousand VMs: rows are virtualised', async ({ page }) => {
  // A second host: libvirt's test driver with 1,000 guests, through the same daemon.
  const nodeFile = path.join(process.env.VIRTDECK_STATE ?? path.resolve(import.meta.dirname, '../../.state'), 'test-node-1000.xml');
  test.skip(!existsSync(nodeFile), 'no 1,000-guest node file: run scripts/libvirt-sandbox.sh start');
  await signIn(page);
  const { id: hostId } = await mutate<{ id: string }>(page, 'host.add', { name: 'thousand', uri: `test+unix://${nodeFile}?socket=${libvirtSocket()}` });
  try {
    await page.goto('/vms');
    await expect(page.getByText(/^1,0\d\d VMs$/)).toBeVisible({ timeout: 30_000 });
    // Only the rows in view (and a few around) are in the DOM.
    expect(await page.getByTestId('vm-row').count()).toBeLessThan(80);
    await page.screenshot({ path: test.info().outputPath('vm-list-1000.png') });

    // Sorting and filtering 1,000 rows answer at once.
    await page.getByRole('combobox', { name: 'Host' }).selectOption(hostId);
    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    await expect(page.getByTestId('vm-row').first()).toContainText('vm-1000');
    await page.getByRole('searchbox', { name: 'Search by name' }).fill('vm-0777');
    await expect(page.getByTestId('vm-row')).toHaveCount(1);
    await page.getByRole('searchbox', { name: 'Search by name' }).fill('');
    // The whole list is back (scrolling before it is would only reach the end of the filtered one).
    await expect(page.getByTestId('vm-row').first()).toContainText('vm-1000');

    // Scrolling to the end renders the last rows. Scroll again if the virtualiser had not yet
    // measured its rows when the first scroll landed.
    const scroller = page.getByRole('table', { name: 'Virtual machines' }).locator('..');
    await expect(async () => {
      await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect(page.getByTestId('vm-row').filter({ hasText: 'vm-0001' })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    expect(await page.getByTestId('vm-row').count()).toBeLessThan(80);
  } finally {
    await mutate(page, 'host.remove', { hostId });
  }
});
