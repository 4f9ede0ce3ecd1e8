import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { makeDirPool } from './pools';
import { signIn } from './session';

// A dir pool of this test's own, defined through the UI; volumes created, layered, refused,
// deleted, uploaded and downloaded through the UI; everything removed at the end.
const pool = uniqueName('pool');
const target = path.join(tmpdir(), pool);
const payload = randomBytes(3 * 1024 * 1024 + 123);
// Made in beforeAll: the module is also loaded where tests are only listed.
let scratch = '';
let uploadFile = '';

test.beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'vde2e-files-'));
  uploadFile = path.join(scratch, 'image.raw');
  writeFileSync(uploadFile, payload);
});

test.afterAll(() => {
  // Best effort: the test deletes the pool through the UI; this catches a failed run.
  const pools = virsh('pool-list', '--all', '--name');
  if (pools.split('\n').some((l) => l.trim() === pool)) {
    try {
      virsh('pool-start', pool);
    } catch {
      // Already active.
    }
    try {
      for (const line of virsh('vol-list', pool).split('\n').filter((l) => l.trim() !== '')) virsh('vol-delete', line.trim().split(/\s+/)[0]!, '--pool', pool);
    } catch {
      // Nothing left to list.
    }
    for (const args of [['pool-destroy', pool], ['pool-delete', pool], ['pool-undefine', pool]]) {
      try {
        virsh(...args);
      } catch {
        // Already stopped or gone.
      }
    }
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  rmSync(target, { recursive: true, force: true });
});

test('a dir pool: define, volumes, overlay refusal, upload and download with progress, delete', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  // Pools may live only under the host's pool roots, which the admin sets on the host's card.
  await page.getByTestId('host-card').first().getByRole('button', { name: /^Edit pool roots of / }).click();
  const rootsDialog = page.getByRole('dialog');
  await rootsDialog.getByLabel('One absolute path per line').fill(target);
  await rootsDialog.getByRole('button', { name: 'Save roots' }).click();
  await expect(rootsDialog).toBeHidden();
  await expect(page.getByTestId('host-card').first().getByTestId('pool-roots')).toContainText(target);

  await page.getByRole('link', { name: 'Storage' }).click();
  await expect(page.getByRole('heading', { name: 'Storage', level: 1 })).toBeVisible();

  // Define the pool through the form, which says where pools may live.
  await page.getByRole('button', { name: 'Define pool' }).first().click();
  const define = page.getByRole('dialog');
  await expect(define.getByTestId('allowed-roots')).toContainText(target);
  await define.getByLabel('Name').fill(pool);
  await define.getByLabel('Target path').fill(target);
  await define.getByRole('button', { name: 'Define pool' }).click();
  await expect(define).toBeHidden();
  const poolRow = page.locator(`[data-testid="pool-row"][data-pool="${pool}"]`);
  await expect(poolRow.getByTestId('pool-state')).toHaveText('Active');
  expect(virsh('pool-info', pool)).toMatch(/State:\s+running/);
  await page.screenshot({ path: test.info().outputPath('storage.png'), fullPage: true });

  // Stopped and started with virsh, behind the dashboard's back: the state follows without a reload.
  virsh('pool-destroy', pool);
  await expect(poolRow.getByTestId('pool-state')).toHaveText('Inactive');
  virsh('pool-start', pool);
  await expect(poolRow.getByTestId('pool-state')).toHaveText('Active');

  await poolRow.getByRole('link', { name: pool }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(pool);
  await expect(page.getByText('No volumes in this pool')).toBeVisible();

  // A qcow2 volume.
  await page.getByRole('button', { name: 'Create volume' }).click();
  const create = page.getByRole('dialog');
  await create.getByLabel('Name').fill('base.qcow2');
  await create.getByLabel('Capacity').fill('16M');
  await create.getByRole('button', { name: 'Create volume' }).click();
  await expect(create).toBeHidden();
  const base = page.locator('[data-testid="volume-row"][data-volume="base.qcow2"]');
  await expect(base).toContainText('qcow2');
  await expect(base).toContainText('16 MiB');

  // An overlay on it; deleting the base is then refused, naming the overlay.
  await base.getByRole('button', { name: 'Create an overlay on base.qcow2' }).click();
  const overlay = page.getByRole('dialog');
  await expect(overlay.getByLabel('Overlay name')).toHaveValue('base-overlay.qcow2');
  await overlay.getByRole('button', { name: 'Create overlay' }).click();
  await expect(overlay).toBeHidden();
  const top = page.locator('[data-testid="volume-row"][data-volume="base-overlay.qcow2"]');
  await expect(top).toContainText('base.qcow2');

  await base.getByRole('button', { name: 'Delete base.qcow2' }).click();
  const refusal = page.getByRole('dialog', { name: 'base.qcow2 is in use' });
  await expect(refusal.getByTestId('dependants')).toContainText('base-overlay.qcow2');
  await expect(refusal.getByRole('button', { name: /^Delete/ })).toHaveCount(0);
  await refusal.getByRole('button', { name: 'Close', exact: true }).click();

  await page.getByRole('tab', { name: 'Backing tree' }).click();
  await expect(page.locator('[data-testid="forest-volume"][data-volume="base.qcow2"]')).toBeVisible();
  await expect(page.locator('[data-testid="forest-volume"][data-volume="base-overlay.qcow2"]')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('forest.png'), fullPage: true });
  await page.getByRole('tab', { name: 'Volumes' }).click();

  // Delete the overlay, then the base.
  for (const name of ['base-overlay.qcow2', 'base.qcow2']) {
    await page.locator(`[data-testid="volume-row"][data-volume="${name}"]`).getByRole('button', { name: `Delete ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${name}?` });
    await dialog.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator(`[data-testid="volume-row"][data-volume="${name}"]`)).toHaveCount(0);
  }
  expect(virsh('vol-list', pool)).not.toContain('base.qcow2');

  // Upload a file into a new volume, with the progress bar reaching 100%.
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const up = page.getByRole('dialog');
  await up.getByLabel('File').setInputFiles(uploadFile);
  await expect(up.getByLabel('Volume name')).toHaveValue('image.raw');
  await up.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(up.getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute('aria-valuenow', '100');
  await expect(up.getByRole('status')).toContainText('Uploaded');
  await up.getByRole('button', { name: 'Close', exact: true }).click();
  const image = page.locator('[data-testid="volume-row"][data-volume="image.raw"]');
  await expect(image).toBeVisible();

  // Download it back: progress to 100% and the same bytes.
  const downloaded = page.waitForEvent('download');
  await image.getByRole('link', { name: 'Download image.raw' }).click();
  const down = page.getByRole('dialog', { name: 'Download image.raw' });
  await expect(down.getByRole('progressbar', { name: 'Download progress' })).toHaveAttribute('aria-valuenow', '100');
  const file = path.join(scratch, 'back.raw');
  await (await downloaded).saveAs(file);
  expect(readFileSync(file).subarray(0, payload.length).equals(payload)).toBe(true);
  await down.getByRole('button', { name: 'Close', exact: true }).click();
  await page.screenshot({ path: test.info().outputPath('pool.png'), fullPage: true });

  // Delete the last volume, then the pool with its (now empty) directory.
  await image.getByRole('button', { name: 'Delete image.raw' }).click();
  const delImage = page.getByRole('dialog', { name: 'Delete image.raw?' });
  await delImage.getByRole('button', { name: 'Delete image.raw' }).click();
  await expect(delImage).toBeHidden();
  await expect(image).toHaveCount(0);

  await page.getByRole('button', { name: `Delete pool ${pool}` }).click();
  const del = page.getByRole('alertdialog');
  await del.getByLabel(/Also delete the pool/).check();
  await del.getByRole('button', { name: `Delete ${pool}` }).click();
  await expect(page).toHaveURL(/\/storage$/);
  await expect(page.locator(`[data-testid="pool-row"][data-pool="${pool}"]`)).toHaveCount(0);
  expect(virsh('pool-list', '--all', '--name')).not.toContain(pool);
});

test('a pool holding a backing chain draws its tree, and networks list their modes (read-only looks)', async ({ page }) => {
  const chainPool = makeDirPool('treepool', { chain: true });
  try {
    await signIn(page);
    await page.getByRole('link', { name: 'Storage' }).click();
    const row = page.locator(`[data-testid="pool-row"][data-pool="${chainPool.name}"]`);
    await row.getByRole('link', { name: chainPool.name }).click();
    await expect(page.getByTestId('volume-row')).toHaveCount(3);
    await page.getByRole('tab', { name: 'Backing tree' }).click();
    const forest = page.getByTestId('backing-forest');
    await expect(forest).toBeVisible();
    for (const file of ['base.raw', 'l1.qcow2', 'top.qcow2']) await expect(forest.locator(`[data-testid="forest-volume"][data-volume="${file}"]`)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('chain-forest.png'), fullPage: true });

    await page.getByRole('link', { name: 'Networks' }).click();
    await expect(page.getByTestId('network-row').first().or(page.getByText('No virtual networks'))).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('networks.png'), fullPage: true });
  } finally {
    chainPool.remove();
  }
});
