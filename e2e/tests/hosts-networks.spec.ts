import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { signIn } from './session';

// A network of this test's own, defined through virsh; the page lists it, toggles its
// autostart, and follows it being started and stopped with virsh.
const name = uniqueName('net').slice(0, 60);

test.beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-'));
  const xml = path.join(dir, 'net.xml');
  // forward mode 'open' and no DNS: libvirt adds no firewall rules and starts no dnsmasq (there
  // is no iptables here), so the network can be started.
  const octet = 100 + (process.pid % 150);
  writeFileSync(
    xml,
    `<network><name>${name}</name><forward mode='open'/><bridge name='vde${Date.now().toString(36).slice(-8)}'/>
     <dns enable='no'/><ip address='10.${octet}.78.1' netmask='255.255.255.0'/></network>`,
  );
  virsh('net-define', xml);
  rmSync(dir, { recursive: true });
});

test.afterAll(() => {
  try {
    virsh('net-destroy', name);
  } catch {
    // not running
  }
  virsh('net-undefine', name);
});

test('networks list their state, forward mode and bridge; autostart toggles', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Networks' }).click();
  const row = page.locator(`[data-testid="network-row"][data-network="${name}"]`);
  await expect(row).toContainText('Inactive');
  await expect(row).toContainText('open');
  await expect(row).toContainText('vde');
  await row.getByLabel(`Autostart network ${name}`).click();
  await expect(row.getByLabel(`Autostart network ${name}`)).toBeChecked();
  await expect.poll(() => virsh('net-info', name)).toMatch(/Autostart:\s+yes/);

  // Started and stopped with virsh, behind the dashboard's back: the state follows without a reload.
  virsh('net-start', name);
  await expect(row.getByTestId('network-state')).toHaveText('Active');
  virsh('net-destroy', name);
  await expect(row.getByTestId('network-state')).toHaveText('Inactive');
  await page.screenshot({ path: test.info().outputPath('networks.png'), fullPage: true });
});
