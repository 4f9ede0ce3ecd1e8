// The VM page's history (the collector's samples, kept in the BFF's database): a running TCG
// guest gets CPU, memory, disk and network totals and a graph of its disk, and the VM list shows
// and sorts by its current CPU.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName } from './daemon';
import { removeGuest, startGuestOnDisk } from './guests';
import { signIn } from './session';

const name = uniqueName('metrics');
let dir = '';
let uuid = '';

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-metrics-'));
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path.join(dir, 'disk.qcow2'), '16M']);
  uuid = startGuestOnDisk(name, path.join(dir, 'disk.qcow2'));
});

test.afterAll(() => {
  removeGuest(name);
  rmSync(dir, { recursive: true, force: true });
});

test('a running VM’s history graphs its CPU, memory, I/O and disk, and the list sorts by CPU now', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  const hostId = await page.evaluate(async () => ((await (await fetch('/trpc/host.list')).json()) as { result: { data: { id: string }[] } }).result.data[0]!.id);
  // Rates need two of the collector's 10 s ticks after the guest started: wait for the first
  // sample through the API (the page itself refreshes its history every 30 s).
  const samples = () =>
    page.evaluate(async (input) => {
      const res = await fetch(`/trpc/metrics.vm?input=${encodeURIComponent(JSON.stringify(input))}`);
      return ((await res.json()) as { result?: { data: { at: number[] } } }).result?.data.at.length ?? 0;
    }, { hostId, uuid, range: '1h' });
  await expect.poll(samples, { timeout: 120_000 }).toBeGreaterThan(0);
  await page.goto(`/vms/${hostId}/${uuid}`);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByRole('figure', { name: 'Disk vda' })).toBeVisible({ timeout: 30_000 });
  for (const chart of ['CPU', 'Memory', 'Disk I/O', 'Network']) await expect(history.getByRole('figure', { name: chart })).toBeVisible();
  await expect(history.getByRole('radio', { name: 'Last 1 h' })).toHaveAttribute('aria-checked', 'true');

  // The list: the guest's current CPU is a percentage, and sorting by it puts measured VMs first.
  await page.goto('/vms');
  await page.getByPlaceholder('Search by name').fill(name);
  const row = page.getByTestId('vm-row').filter({ hasText: name });
  await expect(row.getByTestId('vm-cpu-now')).toHaveText(/^\d+(\.\d)? %$/, { timeout: 30_000 });
  await expect(row.getByTestId('vm-memory-now')).toHaveText(/\d.* (KiB|MiB|GiB)$/);
  await page.getByPlaceholder('Search by name').fill('');
  await page.getByRole('columnheader', { name: 'CPU now' }).getByRole('button').click();
  await page.getByRole('columnheader', { name: 'CPU now' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'CPU now' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('vm-row').first().getByTestId('vm-cpu-now')).toHaveText(/%$/);
});
