// Networks defined, edited and deleted from the Networks page as the admin, static DHCP hosts
// changed live from a network's row, and the refusals: a DHCP range outside the subnet (next to
// its field), a static host on an address already given, and a delete while a running guest uses the
// network (the guest named). Each network is this test's own, on a free 192.168.20-99.x/24; the
// one guest has no disk and no NIC boot ROM, so it sends nothing beyond the bridge.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { removeGuest } from './guests';
import { signIn } from './session';

const net = uniqueName('net').slice(0, 60);
const busy = uniqueName('busynet').slice(0, 60);
const guest = uniqueName('netguest');
const octet = (k: number) => 20 + ((process.pid + 61 + k * 29) % 80);
const s = `192.168.${octet(0)}`;

const quietly = (...args: string[]) => {
  try {
    virsh(...args);
  } catch {
    // already gone
  }
};

test.afterAll(() => {
  removeGuest(guest);
  for (const n of [net, busy]) {
    quietly('net-destroy', n);
    quietly('net-undefine', n);
  }
});

const row = (page: Page, name: string) => page.locator(`[data-testid="network-row"][data-network="${name}"]`);

async function defineNetwork(page: Page, name: string, subnet: string, dhcp: { start: string; end: string }) {
  await page.getByRole('button', { name: 'Define network' }).first().click();
  const form = page.getByRole('form', { name: 'Define network' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Forwarding').selectOption('nat');
  await form.getByLabel('IPv4 address').fill(`${subnet}.1`);
  await form.getByLabel('IPv4 prefix').fill('24');
  await form.getByLabel('IPv4 DHCP start').fill(dhcp.start);
  await form.getByLabel('IPv4 DHCP end').fill(dhcp.end);
  await form.getByRole('button', { name: 'Define network' }).click();
  return form;
}

// Each live DHCP host change makes libvirt reload dnsmasq, seconds apiece on a loaded machine.
test.describe.configure({ timeout: 120_000 });

test('an admin defines a NAT network, changes its static DHCP hosts live, edits and deletes it', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Networks' }).click();
  await defineNetwork(page, net, s, { start: `${s}.100`, end: `${s}.150` });
  await expect(row(page, net).getByTestId('network-state')).toHaveText('Active');
  expect(virsh('net-dumpxml', net)).toContain(`<range start='${s}.100' end='${s}.150'`);

  // Static DHCP hosts, live and in the definition.
  await row(page, net).getByRole('button', { name: `Details of network ${net}` }).click();
  const hosts = page.getByTestId('dhcp-hosts');
  await hosts.getByLabel('MAC address').fill('52:54:00:e2:e2:01');
  await hosts.getByLabel('Host name').fill('web');
  await hosts.getByLabel('IP address').fill(`${s}.10`);
  await hosts.getByRole('button', { name: 'Add' }).click();
  await expect(hosts.locator(`[data-testid="dhcp-host"][data-ip="${s}.10"]`)).toBeVisible();
  expect(virsh('net-dumpxml', net)).toContain(`ip='${s}.10'`);
  await expect(page.getByTestId('dhcp-leases')).toContainText('No leases yet');

  await hosts.getByLabel('MAC address').fill('52:54:00:e2:e2:01');
  await hosts.getByLabel('IP address').fill(`${s}.11`);
  await hosts.getByRole('button', { name: 'Change' }).click();
  await expect(hosts.locator(`[data-testid="dhcp-host"][data-ip="${s}.11"]`)).toBeVisible();
  await expect(hosts.locator(`[data-testid="dhcp-host"][data-ip="${s}.10"]`)).toHaveCount(0);
  expect(virsh('net-dumpxml', '--inactive', net)).toContain(`ip='${s}.11'`);

  await hosts.getByRole('button', { name: `Remove static host ${s}.11` }).click();
  await expect(hosts.getByTestId('dhcp-host')).toHaveCount(0);
  expect(virsh('net-dumpxml', net)).not.toContain('52:54:00:e2:e2:01');

  // Edit the definition: the running network takes it at its next start.
  await row(page, net).getByRole('button', { name: `Edit network ${net}` }).click();
  const edit = page.getByRole('form', { name: 'Edit network' });
  await expect(page.getByText('applies at its next start')).toBeVisible();
  await edit.getByLabel('IPv4 DHCP end').fill(`${s}.160`);
  await edit.getByRole('button', { name: 'Save definition' }).click();
  await expect(edit).toBeHidden();
  expect(virsh('net-dumpxml', '--inactive', net)).toContain(`end='${s}.160'`);
  await page.screenshot({ path: test.info().outputPath('networks-edit.png'), fullPage: true });

  await row(page, net).getByRole('button', { name: `Delete network ${net}` }).click();
  await page.getByRole('button', { name: `Delete ${net}` }).click();
  await expect(row(page, net)).toHaveCount(0);
  expect(virsh('net-list', '--all', '--name')).not.toContain(net);
});

test('refusals: a DHCP range outside the subnet, an address already given, a delete while a guest uses the network', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Networks' }).click();
  const b = `192.168.${octet(1)}`;
  // The range starts in another subnet: the refusal sits next to the DHCP start field, nothing is defined.
  const form = await defineNetwork(page, busy, b, { start: `192.168.${octet(2)}.10`, end: `${b}.20` });
  await expect(form.getByLabel('IPv4 DHCP start')).toHaveAccessibleDescription(/must be inside/);
  expect(virsh('net-list', '--all', '--name')).not.toContain(busy);
  await form.getByLabel('IPv4 DHCP start').fill(`${b}.10`);
  await form.getByRole('button', { name: 'Define network' }).click();
  await expect(row(page, busy).getByTestId('network-state')).toHaveText('Active');

  await row(page, busy).getByRole('button', { name: `Details of network ${busy}` }).click();
  const hosts = page.getByTestId('dhcp-hosts');
  await hosts.getByLabel('MAC address').fill('52:54:00:e2:e2:05');
  await hosts.getByLabel('IP address').fill(`${b}.5`);
  await hosts.getByRole('button', { name: 'Add' }).click();
  await expect(hosts.getByTestId('dhcp-host')).toHaveCount(1);
  // A second host on the same address is refused next to the form; the first stays as it was.
  await hosts.getByLabel('MAC address').fill('52:54:00:e2:e2:06');
  await hosts.getByLabel('IP address').fill(`${b}.5`);
  await hosts.getByRole('button', { name: 'Add' }).click();
  await expect(hosts.getByTestId('error-host')).toContainText('already given to 52:54:00:e2:e2:05');
  await expect(hosts.getByTestId('dhcp-host')).toHaveCount(1);

  // A running guest on the network: the delete is refused, naming it.
  const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-netguest-'));
  writeFileSync(
    path.join(dir, 'g.xml'),
    `<domain type='qemu'><name>${guest}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
     <devices><interface type='network'><source network='${busy}'/><model type='e1000'/><rom enabled='no'/></interface></devices></domain>`,
  );
  virsh('define', path.join(dir, 'g.xml'));
  rmSync(dir, { recursive: true, force: true });
  virsh('start', guest);
  await row(page, busy).getByRole('button', { name: `Delete network ${busy}` }).click();
  await expect(page.getByRole('dialog', { name: `${busy} is in use` })).toBeVisible();
  await expect(page.getByTestId('network-guests')).toContainText(guest);
  await expect(page.getByRole('button', { name: `Delete ${busy}` })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('networks-refused.png'), fullPage: true });
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  expect(virsh('net-info', busy)).toMatch(/Active:\s+yes/);
});
