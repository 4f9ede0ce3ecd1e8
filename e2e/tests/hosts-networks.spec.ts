import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { signIn } from './session';

// An isolated network of this test's own, defined (not started) through virsh; the page lists
// it and toggles its autostart.
const name = uniqueName('net').slice(0, 60);

test.beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-'));
  const xml = path.join(dir, 'net.xml');
  writeFileSync(xml, `<network><name>${name}</name><bridge name='vde${Date.now().toString(36).slice(-8)}'/></network>`);
  virsh('net-define', xml);
  rmSync(dir, { recursive: true });
});

test.afterAll(() => {
  virsh('net-undefine', name);
});

test('networks list their state, forward mode and bridge; autostart toggles', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Networks' }).click();
  const row = page.locator(`[data-testid="network-row"][data-network="${name}"]`);
  await expect(row).toContainText('Inactive');
  await expect(row).toContainText('isolated');
  await expect(row).toContainText('vde');
  await row.getByLabel(`Autostart network ${name}`).click();
  await expect(row.getByLabel(`Autostart network ${name}`)).toBeChecked();
  await expect.poll(() => virsh('net-info', name)).toMatch(/Autostart:\s+yes/);
  await page.screenshot({ path: test.info().outputPath('networks.png'), fullPage: true });
});
