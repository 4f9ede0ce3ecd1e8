// Chain operations that end in "ready" and a pivot, started from the VM page on a running TCG
// guest whose chain lives in a dir pool of this file's own: a linked clone of a backing layer, the
// links between an external snapshot and the layer it created, an active commit then Pivot, and a
// block copy into a new pool volume with its progress shown live, then Pivot.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { removeGuest, startGuestOnDisk } from './guests';
import { mutate, signIn } from './session';

const name = uniqueName('chainops');
const pool = uniqueName('chainops-pool');
// Made in beforeAll: the runner also loads this file (to list tests) and would leave a dir behind.
let dir = '';
const img = (f: string) => path.join(dir, f);
let uuid = '';

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-chainops-'));
  execFileSync('qemu-img', ['create', '-q', '-f', 'raw', img('base.raw'), '16M']);
  // Real data: a copy limited to 1 MiB/s then runs for seconds, long enough to watch its progress.
  execFileSync('qemu-io', ['-f', 'raw', '-c', 'write -P 0x5a 0 8M', img('base.raw')], { stdio: 'ignore' });
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', img('base.raw'), img('top.qcow2')]);
  virsh('pool-create-as', pool, 'dir', '--target', dir);
  uuid = startGuestOnDisk(name, img('top.qcow2'));
});

test.afterAll(() => {
  removeGuest(name);
  try {
    virsh('pool-destroy', pool);
  } catch {
    // never created
  }
  rmSync(dir, { recursive: true, force: true });
});

const files = (page: Page) => page.getByTestId('chain-source').evaluateAll((els) => els.map((e) => (e.textContent ?? '').split('/').pop()));

async function query<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ procedure, input }) => {
      const res = await fetch(`/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`);
      if (!res.ok) throw new Error(`${procedure}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { result: { data: unknown } }).result.data;
    },
    { procedure, input },
  ) as Promise<T>;
}

test('linked clone, snapshot links, active commit, and block copies pivoted and cancelled, from the chain tree', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  const hostId = await page.evaluate(async () => ((await (await fetch('/trpc/host.list')).json()) as { result: { data: { id: string }[] } }).result.data[0]!.id);
  const disksTab = page.getByRole('tab', { name: /Disks/ });
  const layers = page.getByTestId('chain-layer');
  const openDisks = async () => {
    await page.goto(`/vms/${hostId}/${uuid}`);
    await disksTab.click();
  };

  await openDisks();
  await expect(layers).toHaveCount(2);
  expect(await files(page)).toEqual(['top.qcow2', 'base.raw']);

  // 1. A linked clone of the backing layer (a pool volume nobody writes to), from the tree.
  await expect(layers.nth(0).getByRole('button', { name: /New overlay \(linked clone\)/ })).toHaveCount(0);
  await layers.nth(1).getByRole('button', { name: `New overlay (linked clone) on base.raw` }).click();
  const overlayForm = page.getByRole('form', { name: 'Create overlay' });
  await overlayForm.getByLabel('Overlay name').fill('clone.qcow2');
  await overlayForm.getByRole('button', { name: 'Create overlay' }).click();
  await expect(overlayForm).toBeHidden();
  const vols = await query<{ name: string; backing: { name: string | null } | null }[]>(page, 'storage.volume.list', { hostId, pool });
  expect(vols.find((v) => v.name === 'clone.qcow2')?.backing?.name).toBe('base.raw');

  // 2. An external snapshot's overlay links to the snapshot, and the snapshot back to the layer.
  await mutate(page, 'snapshot.create', { hostId, uuid, name: 'snap1', kind: 'disk-only' });
  await openDisks();
  await expect(layers).toHaveCount(3);
  expect(await files(page)).toEqual(['top.snap1.qcow2', 'top.qcow2', 'base.raw']);
  await expect(layers.nth(0).getByTestId('layer-snapshot')).toHaveText(/Created by snapshot snap1/);
  await expect(layers.nth(1).getByTestId('layer-snapshot')).toHaveCount(0);
  await layers.nth(0).getByRole('link', { name: 'Snapshot snap1 on the Snapshots tab' }).click();
  await expect(page.getByRole('tab', { name: 'Snapshots' })).toHaveAttribute('aria-selected', 'true');
  const snapNode = page.getByTestId('snapshot-node').filter({ hasText: 'snap1' });
  await expect(snapNode).toHaveAttribute('data-highlighted', 'true');
  await expect(snapNode).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('ops-1-snapshot-link.png'), fullPage: true });
  await snapNode.getByRole('link', { name: 'Layer top.snap1.qcow2 of vda on the Disks tab' }).click();
  await expect(disksTab).toHaveAttribute('aria-selected', 'true');
  await expect(layers.nth(0)).toHaveAttribute('data-highlighted', 'true');
  await expect(layers.nth(0)).toBeFocused();

  // 3. Active commit: the job becomes ready, Pivot makes the chain one layer shorter.
  await page.getByRole('button', { name: 'Commit the active layer' }).click();
  const job = page.getByTestId('block-job');
  await expect(job).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(job).toContainText('Active commit');
  await expect(job.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('ops-2-commit-ready.png'), fullPage: true });
  await job.getByRole('button', { name: 'Pivot' }).click();
  await expect(layers).toHaveCount(2, { timeout: 30_000 });
  expect(await files(page)).toEqual(['top.qcow2', 'base.raw']);
  await expect(page.getByTestId('block-job-ended')).toHaveAttribute('data-status', 'completed');
  // The snapshot's overlay left the chain: its node says so instead of linking.
  await page.getByRole('tab', { name: 'Snapshots' }).click();
  await expect(page.getByTestId('snapshot-overlays')).toContainText('top.snap1.qcow2 (no longer in the chain)');
  await disksTab.click();

  // 4. Block copy into a new volume of the pool: a bad name is refused naming the field.
  await page.getByRole('button', { name: 'Copy to a new volume…' }).click();
  const copyForm = page.getByRole('form', { name: 'Block copy' });
  await copyForm.getByLabel('Pool').selectOption(pool);
  await copyForm.getByLabel('Volume name').fill('..');
  await copyForm.getByRole('button', { name: 'Start copy' }).click();
  await expect(copyForm.getByText('must not be "." or ".."')).toBeVisible();
  await copyForm.getByLabel('Volume name').fill('clone.qcow2');
  await copyForm.getByRole('button', { name: 'Start copy' }).click();
  await expect(copyForm.getByText(/already has a volume named clone\.qcow2/)).toBeVisible();
  await copyForm.getByLabel('Volume name').fill('copy.qcow2');
  await copyForm.getByLabel('Speed limit, MiB/s (optional)').fill('1');
  await copyForm.getByRole('button', { name: 'Start copy' }).click();
  await expect(copyForm).toBeHidden();

  // Progress shows while the copy runs (libvirt holds it below 100% until ready), then Pivot.
  await expect(job).toHaveAttribute('data-ready', 'false');
  const bar = job.getByRole('progressbar', { name: 'Block copy progress on vda' });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  const midway = Number(await bar.getAttribute('aria-valuenow'));
  expect(midway).toBeLessThan(90);
  await expect(job).toContainText('limited to 1 MiB/s');
  await expect(job.getByTestId('progress-text')).toHaveText(/^\d+%$/);
  await page.screenshot({ path: test.info().outputPath('ops-3-copy-progress.png'), fullPage: true });
  // It moves live (sampled by the server while the page watches), then becomes ready.
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(midway);
  await expect(job).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await job.getByRole('button', { name: 'Pivot' }).click();
  await expect(layers).toHaveCount(1, { timeout: 30_000 });
  expect(await files(page)).toEqual(['copy.qcow2']);
  // The server refreshed the pool: the copy is a pool volume with its sizes.
  await expect(layers.nth(0)).toContainText(`Volume ${pool}/copy.qcow2`);
  await expect(page.getByTestId('block-job-ended')).toHaveAttribute('data-status', 'completed');
  await page.screenshot({ path: test.info().outputPath('ops-4-copy-pivoted.png'), fullPage: true });

  // 5. A copy cancelled once ready: the disk stays, and its partial file leaves the pool.
  await page.getByRole('button', { name: 'Copy to a new volume…' }).click();
  await copyForm.getByLabel('Pool').selectOption(pool);
  await copyForm.getByLabel('Volume name').fill('dropped.qcow2');
  await copyForm.getByRole('button', { name: 'Start copy' }).click();
  await expect(copyForm).toBeHidden();
  await expect(job).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(job).toContainText('Cancel keeps the disk where it is and deletes the partial copy');
  await job.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Partial copy deleted')).toBeVisible();
  await expect(page.getByTestId('block-job-ended')).toHaveAttribute('data-status', 'canceled');
  expect(await files(page)).toEqual(['copy.qcow2']);
  const after = await query<{ name: string }[]>(page, 'storage.volume.list', { hostId, pool });
  expect(after.map((v) => v.name)).not.toContain('dropped.qcow2');
});
