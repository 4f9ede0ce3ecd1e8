// Snapshots acted on from the VM page's tree: take internal (with memory), external with memory,
// edit a description, revert (the confirmation says what is lost), delete with children and delete
// only the metadata; the tree and the disk chain update in place. Refusals: a bad or taken name
// next to its field, a kind the guest cannot take shown off with its reason, and a delete libvirt
// would refuse, said before with the button off.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { removeGuest, startGuestOnDisk } from './guests';
import { mutate, signIn } from './session';

const running = uniqueName('snapui');
const off = uniqueName('snapoff');
let dir = '';
let runUuid = '';
let offUuid = '';

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-snap-'));
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path.join(dir, 'run.qcow2'), '32M']);
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path.join(dir, 'off.qcow2'), '32M']);
  runUuid = startGuestOnDisk(running, path.join(dir, 'run.qcow2'));
  writeFileSync(
    path.join(dir, 'off.xml'),
    `<domain type='qemu'><name>${off}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>
     <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${path.join(dir, 'off.qcow2')}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
  );
  virsh('define', path.join(dir, 'off.xml'));
  offUuid = virsh('domuuid', off).trim();
});

test.afterAll(() => {
  removeGuest(running);
  removeGuest(off);
  rmSync(dir, { recursive: true, force: true });
});

// Internal snapshots with memory save the guest's RAM (savevm under TCG): seconds each on a loaded machine.
test.describe.configure({ timeout: 120_000 });

const hostIdOf = (page: Page) => page.evaluate(async () => ((await (await fetch('/trpc/host.list')).json()) as { result: { data: { id: string }[] } }).result.data[0]!.id);
const node = (page: Page, name: string) => page.locator(`[data-testid="snapshot-node"][data-snapshot="${name}"]`);

async function openSnapshots(page: Page, uuid: string) {
  await page.goto(`/vms/${await hostIdOf(page)}/${uuid}`);
  await page.getByRole('tab', { name: /Snapshots/ }).click();
}

async function take(page: Page, name: string, kind: RegExp, description = '') {
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  const form = page.getByRole('form', { name: 'Take snapshot' });
  await form.getByLabel('Snapshot name').fill(name);
  await form.getByRole('radio', { name: kind }).check();
  if (description) await form.getByLabel('Description (optional)').fill(description);
  await form.getByRole('button', { name: 'Take snapshot' }).click();
  return form;
}

test('take, describe, revert and delete snapshots of a running guest from the tree', async ({ page }) => {
  await signIn(page);
  await openSnapshots(page, runUuid);
  await take(page, 's1', /^Internal/, 'before');
  await expect(node(page, 's1')).toContainText('internal');
  await expect(node(page, 's1')).toContainText('current');
  await take(page, 's2', /^Internal/);
  await expect(node(page, 's2')).toContainText('current');

  await node(page, 's1').getByRole('button', { name: 'Edit the description of s1' }).click();
  await page.getByRole('form', { name: 'Snapshot description' }).getByLabel('Description').fill('clean install');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(node(page, 's1').getByTestId('snapshot-description')).toHaveText('clean install');
  await expect(node(page, 's2')).toContainText('current');

  await node(page, 's1').getByRole('button', { name: 'Revert to s1' }).click();
  const loses = page.getByTestId('revert-loses');
  await expect(loses).toContainText('everything written to the VM');
  await expect(loses).toContainText("running guest's current memory");
  await page.screenshot({ path: test.info().outputPath('snapshot-revert.png'), fullPage: true });
  await page.getByRole('button', { name: 'Revert to s1' }).last().click();
  await expect(node(page, 's1')).toContainText('current');

  await node(page, 's1').getByRole('button', { name: 'Delete snapshot s1' }).click();
  await page.getByLabel(/Also its 1 newer snapshot/).check();
  await expect(page.getByTestId('delete-loses')).toContainText('s1, s2');
  await page.getByRole('button', { name: 'Delete s1' }).click();
  await expect(page.getByTestId('snapshot-node')).toHaveCount(0);
  expect(virsh('snapshot-list', running, '--name').trim()).toBe('');

  // External with memory: the chain grows in place; deleting only the metadata leaves the overlay.
  await take(page, 'e1', /^External with memory/);
  await expect(node(page, 'e1')).toContainText('external');
  await page.getByRole('tab', { name: /Disks/ }).click();
  await expect(page.getByTestId('chain-layer')).toHaveCount(2);
  await page.getByRole('tab', { name: /Snapshots/ }).click();
  await node(page, 'e1').getByRole('button', { name: 'Delete snapshot e1' }).click();
  await page.getByLabel(/Only libvirt's record/).check();
  await expect(page.getByTestId('delete-loses')).toContainText('overlay files stay');
  await page.getByRole('button', { name: 'Delete e1' }).click();
  await expect(page.getByTestId('snapshot-node')).toHaveCount(0);
  await page.getByRole('tab', { name: /Disks/ }).click();
  await expect(page.getByTestId('chain-layer')).toHaveCount(2);
});

test('refusals: a bad or taken name, a kind the guest cannot take, a delete libvirt would refuse', async ({ page }) => {
  await signIn(page);
  const hostId = await (async () => {
    await page.goto('/');
    return hostIdOf(page);
  })();
  await openSnapshots(page, offUuid);
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  const form = page.getByRole('form', { name: 'Take snapshot' });
  await expect(form.getByRole('radio', { name: /^External with memory/ })).toBeDisabled();
  await expect(form.getByTestId('kind-refused-external')).toContainText('needs a running guest');
  await form.getByLabel('Snapshot name').fill('bad name');
  await form.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(form.getByLabel('Snapshot name')).toHaveAccessibleDescription(/letters, digits/);
  await page.keyboard.press('Escape');

  // Two disk-only snapshots of the shut-off guest: libvirt 9.0 cannot merge x1 (it has a child and the guest is off).
  await mutate(page, 'snapshot.create', { hostId, uuid: offUuid, name: 'x1', kind: 'disk-only' });
  await mutate(page, 'snapshot.create', { hostId, uuid: offUuid, name: 'x2', kind: 'disk-only' });
  await openSnapshots(page, offUuid);
  await take(page, 'x2', /^External, disk only/);
  await expect(page.getByRole('form', { name: 'Take snapshot' }).getByLabel('Snapshot name')).toHaveAccessibleDescription(/already has a snapshot named x2/);
  await page.keyboard.press('Escape');

  await node(page, 'x1').getByRole('button', { name: 'Delete snapshot x1' }).click();
  await expect(page.getByRole('alert')).toContainText('libvirt would refuse this');
  await expect(page.getByRole('button', { name: 'Delete x1' })).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('snapshot-delete-refused.png'), fullPage: true });
  await page.keyboard.press('Escape');
  expect(virsh('snapshot-list', off, '--name')).toContain('x1');
});
