// Guest addresses and the guest agent in the browser, against the demo guest (a real OS with the
// QEMU guest agent) on a NAT network of its own with libvirt's DHCP: the VM page shows its address
// from the agent and from the lease, the agent's hostname, and reboots it through the agent; the
// VM list shows the address; a running VM without an agent channel says why there is no agent.
import { expect, test, type Page } from '@playwright/test';
import { bootableGuestXml, guestHostname, guestImage } from '@virtdeck/test-kit/guest-image';
import { testNetwork } from '@virtdeck/test-kit/nat-network';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { qemuUri, uniqueName, virsh } from './daemon';
import { signIn } from './session';

/** TCG on a shared 2-core machine: a boot, DHCP and the agent take a while. */
const BOOT_MS = 150_000;

const netName = uniqueName('gnet');
const guestName = uniqueName('agent');
const bareName = uniqueName('noagent');
const network = testNetwork(netName);
const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-agent-'));
const uuids: Record<string, string> = {};

function quietly(...args: string[]): void {
  try {
    virsh(...args);
  } catch {
    // not running, or never defined
  }
}

test.beforeAll(() => {
  guestImage();
  const define = (kind: 'net-define' | 'define', name: string, xml: string) => {
    writeFileSync(path.join(dir, `${name}.xml`), xml);
    virsh(kind, path.join(dir, `${name}.xml`));
  };
  define('net-define', netName, network.xml);
  virsh('net-start', netName);
  define('define', guestName, bootableGuestXml({ name: guestName, nic: { network: netName } }));
  define('define', bareName, `<domain type='qemu'><name>${bareName}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>`);
  for (const n of [guestName, bareName]) {
    virsh('start', n);
    uuids[n] = virsh('domuuid', n).trim();
  }
});

test.afterAll(() => {
  for (const n of [guestName, bareName]) {
    quietly('destroy', n);
    quietly('undefine', n);
  }
  quietly('net-destroy', netName);
  quietly('net-undefine', netName);
  rmSync(dir, { recursive: true, force: true });
});

const hostIdOf = async (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch('/trpc/host.list');
    const body = (await res.json()) as { result: { data: { id: string }[] } };
    return body.result.data[0]!.id;
  });

const vmPage = async (page: Page, name: string) => {
  await signIn(page);
  const hostId = await hostIdOf(page);
  await page.goto(`/vms/${encodeURIComponent(hostId)}/${uuids[name]}`);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
};

const inSubnet = new RegExp(`^192\\.168\\.${network.octet}\\.\\d+$`);

/** The guest's DHCP address row, once both the agent and the lease report it. */
async function leasedAddress(page: Page): Promise<string> {
  const row = page.locator('[data-testid="guest-address"][data-sources="agent lease"]').filter({ hasText: `192.168.${network.octet}.` });
  await expect(row).toBeVisible({ timeout: BOOT_MS });
  const address = (await row.getAttribute('data-address')) ?? '';
  expect(address).toMatch(inSubnet);
  return address;
}

test('the VM page shows the address from the agent and from the DHCP lease, and what the agent reports', async ({ page }) => {
  test.setTimeout(BOOT_MS + 60_000);
  await vmPage(page, guestName);
  const address = await leasedAddress(page);
  const row = page.locator(`[data-testid="guest-address"][data-address="${address}"]`);
  await expect(row.locator('[data-testid="address-source"][data-state="agent"]')).toHaveText('agent');
  await expect(row.locator('[data-testid="address-source"][data-state="lease"]')).toHaveText('lease');
  await expect(row).toContainText('eth0');
  await expect(page.getByTestId('agent-hostname')).toHaveText(guestHostname(guestName));
  await expect(page.getByTestId('agent-info')).toContainText('/mnt/data');
  await page.screenshot({ path: test.info().outputPath('guest.png'), fullPage: true });
});

test('the VM list shows the address', async ({ page }) => {
  test.setTimeout(BOOT_MS + 60_000);
  await vmPage(page, guestName);
  const address = await leasedAddress(page);
  await page.goto('/vms');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(guestName);
  const row = page.getByTestId('vm-row').filter({ hasText: guestName });
  // The host's sweep is kept 10 s and asked every 15 s.
  const cell = row.getByTestId('vm-address');
  await expect(cell).toHaveAttribute('data-address', address, { timeout: 60_000 });
  await expect(cell).toContainText(address);
  await expect(cell).toHaveAttribute('data-sources', 'agent lease');
});

test('reboots the guest through its agent from the page', async ({ page }) => {
  test.setTimeout(2 * BOOT_MS);
  await vmPage(page, guestName);
  await expect(page.getByTestId('agent-hostname')).toHaveText(guestHostname(guestName), { timeout: BOOT_MS });
  // libvirt's reboot event (QEMU's reset after the guest's `shutdown -r`), seen by virsh.
  const events = spawn('virsh', ['-c', qemuUri(), 'event', '--domain', guestName, '--event', 'reboot', '--timeout', String(BOOT_MS / 1000)]);
  let seen = '';
  events.stdout.on('data', (c: Buffer) => (seen += c.toString()));
  const ended = new Promise<void>((resolve) => events.once('exit', () => resolve()));
  try {
    // virsh registers within a moment of starting; the guest takes seconds to run `shutdown -r`.
    await expect.poll(() => events.pid !== undefined && events.exitCode === null).toBe(true);
    await page.getByRole('button', { name: 'Reboot via agent' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Reboot', exact: true }).click();
    await expect(page.getByRole('alertdialog')).toBeHidden();
    await expect.poll(() => seen, { timeout: BOOT_MS }).toContain("event 'reboot'");
  } finally {
    events.kill();
    await ended;
  }
  await expect(page.getByRole('heading', { name: guestName, level: 1 })).toBeVisible();
});

test('a VM without a guest agent says why, with no error page', async ({ page }) => {
  await vmPage(page, bareName);
  await expect(page.getByTestId('agent-unavailable')).toContainText('no guest agent');
  await expect(page.locator('[data-testid="address-source-unavailable"][data-source="agent"]')).toContainText('no guest agent');
  await expect(page.getByRole('button', { name: 'Reboot via agent' })).toHaveCount(0);
});
