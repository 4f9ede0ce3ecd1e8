// A VM's network interfaces from its page, against the real daemon: the attach dialog refuses a
// bad bridge name and a multicast MAC next to their fields, then attaches a NIC to a network;
// the edit dialog changes the model; the link goes down live on the running VM; detach asks
// first, and the NIC the guest keeps is marked as gone at the next start. Each change is checked
// with virsh, live and persistent. The network is the test's own, isolated and without addresses
// (no subnet to collide with).
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { signIn } from './session';

const name = uniqueName('nics');
const net = uniqueName('nicnet');
const MAC = '52:54:00:5e:10:01';
let dir = '';

const quiet = (...args: string[]) => {
  try {
    virsh(...args);
  } catch {
    // not running, or already gone
  }
};
const nicOf = (xml: string, mac: string) => xml.split('<interface ').slice(1).find((n) => n.includes(`<mac address='${mac}'/>`));
const liveXml = () => virsh('dumpxml', name);
const inactiveXml = () => virsh('dumpxml', name, '--inactive');

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-nics-'));
  writeFileSync(path.join(dir, 'net.xml'), `<network><name>${net}</name></network>`);
  virsh('net-define', path.join(dir, 'net.xml'));
  virsh('net-start', net);
  // No OS; ACPI on, so its PCI bus takes hot-plugged NICs when it runs.
  writeFileSync(
    path.join(dir, 'guest.xml'),
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features>
     <devices><interface type='user'><mac address='${MAC}'/><model type='virtio'/></interface><graphics type='vnc' autoport='yes' listen='127.0.0.1'/></devices></domain>`,
  );
  virsh('define', path.join(dir, 'guest.xml'));
});

test.afterAll(() => {
  quiet('destroy', name);
  quiet('undefine', name);
  quiet('net-destroy', net);
  quiet('net-undefine', net);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openNics(page: Page): Promise<void> {
  await page.goto('/vms');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await page.getByTestId('vm-row').filter({ hasText: name }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('tab', { name: /NICs/ }).click();
}

test('attach: a bad bridge and a multicast MAC are refused next to their fields, then a NIC on a network', async ({ page }) => {
  await signIn(page);
  await openNics(page);
  await page.getByRole('button', { name: 'Attach NIC…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Attach a NIC' });
  await dialog.getByLabel('Connection').selectOption('bridge');
  await dialog.getByLabel('Bridge').fill('br0/../x');
  await dialog.getByLabel('MAC address').fill('01:00:5e:00:00:01');
  await dialog.getByRole('button', { name: 'Attach' }).click();
  await expect(dialog.getByText('an interface name: letters, digits and _ . - only')).toBeVisible();
  await expect(dialog.getByText(/multicast address/)).toBeVisible();
  expect(inactiveXml().match(/<interface /g)).toHaveLength(1);

  await dialog.getByLabel('Connection').selectOption('network');
  await dialog.getByLabel('Virtual network').selectOption(net);
  await dialog.getByLabel('MAC address').fill('52:54:00:5e:10:02');
  await dialog.getByLabel('Model').selectOption('e1000');
  await dialog.getByRole('button', { name: 'Attach' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('nic-row').filter({ hasText: '52:54:00:5e:10:02' })).toContainText(net);
  expect(nicOf(inactiveXml(), '52:54:00:5e:10:02')).toMatch(new RegExp(`<source network='${net}'/>[\\s\\S]*<model type='e1000'/>`));
});

test('edit: a MAC another NIC has is refused by the host next to the field, then the model changes', async ({ page }) => {
  await signIn(page);
  await openNics(page);
  await page.getByRole('button', { name: `Edit NIC ${MAC}` }).click();
  const dialog = page.getByRole('dialog', { name: `NIC ${MAC}` });
  await dialog.getByLabel('MAC address').fill('52:54:00:5e:10:02');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText(`${name} already has a NIC with this MAC`)).toBeVisible();
  await dialog.getByLabel('MAC address').fill(MAC);
  await dialog.getByLabel('Model').selectOption('rtl8139');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('nic-row').filter({ hasText: MAC })).toContainText('rtl8139');
  expect(nicOf(inactiveXml(), MAC)).toContain("<model type='rtl8139'/>");
});

test('link down live on the running VM, then detach after confirming', async ({ page }) => {
  virsh('start', name);
  await signIn(page);
  await openNics(page);
  const row = page.getByTestId('nic-row').filter({ hasText: '52:54:00:5e:10:02' });
  await row.getByRole('button', { name: 'Set link down: 52:54:00:5e:10:02' }).click();
  await expect(row.getByTestId('nic-link')).toHaveText('down');
  for (const xml of [liveXml(), inactiveXml()]) expect(nicOf(xml, '52:54:00:5e:10:02')).toContain("<link state='down'/>");

  await page.getByRole('button', { name: `Detach NIC ${MAC}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Detach NIC ${MAC}?` });
  await expect(confirm).toContainText('in the running VM and in its definition');
  await confirm.getByRole('button', { name: 'Detach' }).click();
  // A guest with no OS never lets go: the definition drops the NIC, the running VM keeps it.
  await expect(page.getByText(/waits for the guest/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('nic-row').filter({ hasText: MAC }).getByTestId('nic-pending')).toHaveText('gone at the next start');
  expect(nicOf(inactiveXml(), MAC)).toBeUndefined();
  expect(nicOf(liveXml(), MAC)).toBeDefined();
});
