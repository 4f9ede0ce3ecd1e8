// A disk's backing chain as a tree on the VM page, through the operations that change it: a
// chain built with qemu-img, an external snapshot on top, a block commit and a block pull started
// from the page, the tree checked after each step (the last two live, from block-job events).
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName } from './daemon';
import { removeGuest, startGuestOnDisk } from './guests';
import { mutate, signIn } from './session';

const name = uniqueName('chain');
// Made in beforeAll: the runner also loads this file (to list tests) and would leave a dir behind.
let dir = '';
const img = (f: string) => path.join(dir, f);
let uuid = '';

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-chain-'));
  execFileSync('qemu-img', ['create', '-q', '-f', 'raw', img('base.raw'), '16M']);
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', img('base.raw'), img('l1.qcow2')]);
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', img('l1.qcow2'), img('top.qcow2')]);
  uuid = startGuestOnDisk(name, img('top.qcow2'));
});

test.afterAll(() => {
  removeGuest(name);
  rmSync(dir, { recursive: true, force: true });
});

const files = (page: Page) => page.getByTestId('chain-source').evaluateAll((els) => els.map((e) => (e.textContent ?? '').split('/').pop()));

test('the chain tree follows an external snapshot, a block commit and a block pull', async ({ page }) => {
  await signIn(page);
  const hostId = await page.evaluate(async () => ((await (await fetch('/trpc/host.list')).json()) as { result: { data: { id: string }[] } }).result.data[0]!.id);
  const openDisks = async () => {
    await page.goto(`/vms/${hostId}/${uuid}`);
    await page.getByRole('tab', { name: /Disks/ }).click();
  };

  await openDisks();
  await expect(page.getByTestId('chain-layer')).toHaveCount(3);
  expect(await files(page)).toEqual(['top.qcow2', 'l1.qcow2', 'base.raw']);
  await page.screenshot({ path: test.info().outputPath('chain-1-built.png'), fullPage: true });

  await mutate(page, 'snapshot.create', { hostId, uuid, name: 'snap1', kind: 'disk-only' });
  await openDisks();
  await expect(page.getByTestId('chain-layer')).toHaveCount(4);
  expect((await files(page)).slice(1)).toEqual(['top.qcow2', 'l1.qcow2', 'base.raw']);
  await page.screenshot({ path: test.info().outputPath('chain-2-snapshot.png'), fullPage: true });

  // Commit l1 into the base, from the page; the tree updates when libvirt says the job ended.
  await page.getByLabel('Layer to commit').selectOption({ label: 'l1.qcow2' });
  await page.getByRole('button', { name: 'Commit into its backing layer' }).click();
  await expect(page.getByTestId('chain-layer')).toHaveCount(3, { timeout: 30_000 });
  expect((await files(page)).slice(1)).toEqual(['top.qcow2', 'base.raw']);
  await page.screenshot({ path: test.info().outputPath('chain-3-commit.png'), fullPage: true });

  await page.getByRole('button', { name: 'Pull all into the active layer' }).click();
  await expect(page.getByTestId('chain-layer')).toHaveCount(1, { timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('chain-4-pull.png'), fullPage: true });
});
