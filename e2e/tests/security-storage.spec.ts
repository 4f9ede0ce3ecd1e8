import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { uniqueName, virsh } from './daemon';
import { makeDirPool, type TestPool } from './pools';
import { mutate, signIn } from './session';

// Issue 13, items 4 and 5 in the browser: an operator gets no "Define pool" button (pools name
// host paths: admins only) and no pool deletion, but downloads; deleting a VM whose base another
// VM still uses lists that base as kept, with who uses it, and offers no checkbox for it.
const operator = `vde2e-op-${Date.now().toString(36)}`;
const operatorPassword = 'operator-password-123';
const vmA = uniqueName('keepa');
const vmB = uniqueName('keepb');
let pool: TestPool | undefined;

function domainXml(name: string, disk: string): string {
  return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
    <os><type arch='x86_64' machine='pc'>hvm</type></os>
    <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
      <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk>
    </devices></domain>`;
}

test.beforeAll(() => {
  // base.raw ← l1.qcow2 ← top.qcow2, and a second overlay b.qcow2 on the same base.
  pool = makeDirPool('keep', { chain: true });
  const img = (f: string) => path.join(pool!.dir, f);
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', img('base.raw'), img('b.qcow2')]);
  virsh('pool-refresh', pool.name);
  for (const [name, disk] of [
    [vmA, img('top.qcow2')],
    [vmB, img('b.qcow2')],
  ] as const) {
    const file = path.join(pool.dir, `${name}.xml`);
    writeFileSync(file, domainXml(name, disk));
    virsh('define', file);
  }
});

test.afterAll(() => {
  for (const name of [vmA, vmB]) {
    try {
      virsh('undefine', name);
    } catch {
      // already gone
    }
  }
  pool?.remove();
});

async function openVm(page: Page, name: string): Promise<void> {
  await page.goto('/vms');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await page.getByTestId('vm-row').filter({ hasText: name }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('the delete dialog keeps the base another VM uses, and says who uses it', async ({ page }) => {
  await signIn(page);
  await openVm(page, vmA);
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('alertdialog');
  const img = (f: string) => path.join(pool!.dir, f);
  // Its own layers, which nothing else reads, can go; the overlay is checked by default.
  await expect(dialog.getByRole('checkbox', { name: `Delete this volume too: ${img('top.qcow2')}` })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: `Delete this volume too: ${img('l1.qcow2')}` })).not.toBeChecked();
  // The shared base is listed as kept, with its readers, and cannot be chosen.
  await expect(dialog.getByRole('checkbox', { name: `Delete this volume too: ${img('base.raw')}` })).toHaveCount(0);
  const kept = dialog.getByRole('region', { name: 'Volumes kept' });
  await expect(kept.getByTestId('kept-layer')).toHaveCount(1);
  await expect(kept).toContainText(img('base.raw'));
  await expect(kept).toContainText('b.qcow2');
  await expect(kept).toContainText(vmB);
  await page.screenshot({ path: test.info().outputPath('vm-delete-kept.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(virsh('list', '--all', '--name')).toContain(vmA);
});

test('an operator sees no pool definition or deletion, and may download', async ({ page, browser }) => {
  await signIn(page);
  await mutate(page, 'user.create', { username: operator, password: operatorPassword, role: 'operator' });
  const ctx = await browser.newContext();
  const opPage = await ctx.newPage();
  try {
    await signIn(opPage, operator, operatorPassword);
    // No host URIs and no pool roots for an operator on the host cards.
    await expect(opPage.getByTestId('host-card').first().getByRole('region', { name: /^Pool roots of / })).toHaveCount(0);
    await opPage.getByRole('link', { name: 'Storage' }).click();
    const row = opPage.locator(`[data-testid="pool-row"][data-pool="${pool!.name}"]`);
    await expect(row).toBeVisible();
    await expect(opPage.getByRole('button', { name: 'Define pool' })).toHaveCount(0);
    await expect(row.getByRole('button', { name: `Stop pool ${pool!.name}` })).toBeVisible();
    await expect(row.getByRole('button', { name: `Delete pool ${pool!.name}` })).toHaveCount(0);
    await row.getByRole('link', { name: pool!.name }).click();
    await expect(opPage.getByRole('link', { name: 'Download base.raw' })).toBeVisible();

    // The admin still has both.
    await page.getByRole('link', { name: 'Storage' }).click();
    await expect(page.getByRole('button', { name: 'Define pool' }).first()).toBeVisible();
    await expect(page.locator(`[data-testid="pool-row"][data-pool="${pool!.name}"]`).getByRole('button', { name: `Delete pool ${pool!.name}` })).toBeVisible();
  } finally {
    await ctx.close();
  }
});
