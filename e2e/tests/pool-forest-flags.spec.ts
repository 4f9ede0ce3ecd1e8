// The backing tree tells an admin what may be reclaimed: an overlay whose base is gone is marked
// "missing parent", volumes no VM and no overlay reads are marked "unused", and both are listed
// under the tree; a base under an overlay is neither.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { virsh } from './daemon';
import { makeDirPool } from './pools';
import { signIn } from './session';

test('the backing tree marks a missing parent and the unused volumes', async ({ page }) => {
  // base.raw ← l1.qcow2 ← top.qcow2, no VM on it: only the top is unused.
  const pool = makeDirPool('flagpool', { chain: true });
  try {
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-u', '-F', 'raw', '-b', path.join(pool.dir, 'deleted-base.raw'), path.join(pool.dir, 'orphan.qcow2'), '16M']);
    execFileSync('qemu-img', ['create', '-q', '-f', 'raw', path.join(pool.dir, 'idle.raw'), '16M']);
    virsh('pool-refresh', pool.name);
    await signIn(page);
    await page.getByRole('link', { name: 'Storage' }).click();
    await page.locator(`[data-testid="pool-row"][data-pool="${pool.name}"]`).getByRole('link', { name: pool.name }).click();
    await page.getByRole('tab', { name: 'Backing tree' }).click();
    const forest = page.getByTestId('backing-forest');
    const box = (name: string) => forest.locator(`[data-testid="forest-volume"][data-volume="${name}"]`);
    await expect(box('orphan.qcow2')).toHaveAttribute('data-missing-parent', 'true');
    await expect(box('orphan.qcow2')).toContainText('missing parent');
    await expect(box('orphan.qcow2')).not.toContainText('external parent');
    for (const name of ['orphan.qcow2', 'idle.raw', 'top.qcow2']) await expect(box(name)).toHaveAttribute('data-unused', 'true');
    for (const name of ['base.raw', 'l1.qcow2']) await expect(box(name)).not.toHaveAttribute('data-unused', 'true');
    await expect(page.getByTestId('forest-missing-parents')).toContainText(`orphan.qcow2 (backed by ${path.join(pool.dir, 'deleted-base.raw')})`);
    await expect(page.getByTestId('forest-unused')).toContainText('idle.raw, orphan.qcow2, top.qcow2');
    await page.screenshot({ path: test.info().outputPath('forest-flags.png'), fullPage: true });
  } finally {
    pool.remove();
  }
});
