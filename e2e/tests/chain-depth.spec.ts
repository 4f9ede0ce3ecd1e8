// A backing chain 64 qcow2 layers deep under a running TCG guest stays readable on the Disks
// tab: folded, the top and the base stay in sight around one "show more" button; unfolded, all 64
// layers are drawn with their file names, in order, each box as wide as the others and none
// overlapping the next. Screenshots of both are kept as artifacts.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName } from './daemon';
import { removeGuest, startGuestOnDisk } from './guests';
import { signIn } from './session';

const DEPTH = 64;
const name = uniqueName('chain64');
// Made in beforeAll: the runner also loads this file (to list tests) and would leave a dir behind.
let dir = '';
const layerFile = (i: number) => `layer-${String(i).padStart(2, '0')}.qcow2`;
const img = (f: string) => path.join(dir, f);
let uuid = '';

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-chain64-'));
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', img(layerFile(0)), '16M']);
  for (let i = 1; i < DEPTH; i++) {
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', img(layerFile(i - 1)), img(layerFile(i))]);
  }
  uuid = startGuestOnDisk(name, img(layerFile(DEPTH - 1)));
});

test.afterAll(() => {
  removeGuest(name);
  rmSync(dir, { recursive: true, force: true });
});

test('a 64-layer chain is drawn readable, folded and unfolded', async ({ page }) => {
  await signIn(page);
  const hostId = await page.evaluate(async () => ((await (await fetch('/trpc/host.list')).json()) as { result: { data: { id: string }[] } }).result.data[0]!.id);
  await page.goto(`/vms/${hostId}/${uuid}`);
  await page.getByRole('tab', { name: /Disks/ }).click();
  const layers = page.getByTestId('chain-layer');
  const expected = Array.from({ length: DEPTH }, (_, i) => layerFile(DEPTH - 1 - i));
  const names = () => page.getByTestId('chain-source').evaluateAll((els) => els.map((e) => (e.textContent ?? '').split('/').pop()));

  // Folded: the three top layers, the fold, the three bottom layers (the base last).
  await expect(page.getByTestId('chain-status')).toHaveAttribute('data-status', 'complete');
  await expect(layers).toHaveCount(6);
  expect(await names()).toEqual([...expected.slice(0, 3), ...expected.slice(-3)]);
  const fold = page.getByTestId('chain-fold');
  await expect(fold).toHaveText(`Show ${DEPTH - 6} more layers (backing layers 3–${DEPTH - 4})`);
  await expect(layers.last()).toContainText('Base');
  const folded = await page.screenshot({ path: test.info().outputPath('chain64-folded.png'), fullPage: true });
  await test.info().attach('chain64-folded', { body: folded, contentType: 'image/png' });

  // Unfolded: every layer, in order, with its name.
  await fold.click();
  await expect(layers).toHaveCount(DEPTH);
  expect(await names()).toEqual(expected);
  await expect(page.getByRole('button', { name: `Fold the ${DEPTH - 6} middle layers (${DEPTH} in all)` })).toBeVisible();

  // Readable: same sane width for every box, stacked top to bottom without overlapping, and no
  // file name spilling out of its box.
  const boxes = await layers.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }));
  const viewport = page.viewportSize()!;
  for (const [i, b] of boxes.entries()) {
    expect(b.width, `layer ${i} width`).toBeGreaterThanOrEqual(320);
    expect(b.x + b.width, `layer ${i} right edge`).toBeLessThanOrEqual(viewport.width);
    expect(b.x, `layer ${i} left edge`).toBeCloseTo(boxes[0]!.x, 0);
    expect(b.width, `layer ${i} width`).toBeCloseTo(boxes[0]!.width, 0);
    expect(b.height, `layer ${i} height`).toBeLessThan(200);
    if (i > 0) expect(b.y, `layer ${i} below layer ${i - 1}`).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height);
  }
  const spilling = await page.getByTestId('chain-source').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
  expect(spilling).toBe(0);
  const full = await page.screenshot({ path: test.info().outputPath('chain64-unfolded.png'), fullPage: true });
  await test.info().attach('chain64-unfolded', { body: full, contentType: 'image/png' });
});
