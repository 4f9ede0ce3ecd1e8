import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { qemuUri, uniqueName, virsh } from './daemon';
import { makeDirPool, type TestPool } from './pools';
import { signIn } from './session';

// A shut-off guest of this test's own, defined while the page is open: the overview's counts
// must follow it live (libvirt's event → live bridge → re-fetch), without a reload.
const name = uniqueName('hosts');
let defined = false;

const virshTotal = () => virsh('list', '--all', '--name').split('\n').filter((l) => l.trim() !== '').length;

// A pool of the test's own, so the storage page has a row on an empty daemon.
let pool: TestPool | undefined;
test.beforeAll(() => {
  pool = makeDirPool('hostpool');
});

test.afterAll(() => {
  if (defined) virsh('undefine', name);
  pool?.remove();
});

test('the overview shows the host connected, its versions, size and VM counts, live', async ({ page }) => {
  const expectedVersion = /Using library: libvirt ([\d.]+)/.exec(virsh('version'))?.[1];
  expect(expectedVersion).toBeTruthy();
  await signIn(page);

  const card = page.getByTestId('host-card').first();
  await expect(card.getByTestId('host-state')).toHaveText('connected');
  await expect(card.getByTestId('libvirt-version')).toHaveText(expectedVersion!);
  await expect(card.getByTestId('hypervisor-version')).toContainText('QEMU');
  await expect(card.getByTestId('host-memory')).toHaveText(/\d.* (MiB|GiB|TiB)$/);
  await expect.poll(async () => Number(await card.getByTestId('vm-total').textContent())).toBe(virshTotal());

  const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-'));
  const xml = path.join(dir, 'domain.xml');
  writeFileSync(
    xml,
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
      <os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`,
  );
  virsh('define', xml);
  defined = true;
  rmSync(dir, { recursive: true });

  // No reload: the define event reaches the page and the counts follow.
  await expect.poll(async () => Number(await card.getByTestId('vm-total').textContent())).toBe(virshTotal());
  await expect(card.locator('[data-testid="vm-count"][data-state="shutoff"]')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('hosts.png'), fullPage: true });

  // Dark theme: chosen in the shell, kept across a reload.
  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.getByTestId('host-card').first()).toBeVisible();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await page.screenshot({ path: test.info().outputPath('hosts-dark.png'), fullPage: true });
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.goto('/storage');
  await expect(page.locator(`[data-testid="pool-row"][data-pool="${pool!.name}"]`)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('storage-tablet-dark.png'), fullPage: true });
});

test('the admin sees "Add host", and "Test connection" reports what answers at a URI', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Add host' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add host' });
  await dialog.getByLabel('URI').fill(qemuUri());
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('status')).toContainText('libvirt');
  await dialog.getByLabel('URI').fill('qemu+unix:///system?socket=/nonexistent/sock');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Test failed');
  await page.screenshot({ path: test.info().outputPath('add-host.png') });
});
