// Migrating a VM from its page to the second real host (scripts/libvirt-peer.sh's libvirtd,
// registered for this test over tcp): the hosts overview shows it as a host of its own; the
// dialog offers it, shows the server's refusal of a live migration of a shut-off VM, then moves
// the VM offline and opens its page on the target, while another browser's VM list follows the
// VM to its new host. virsh on both hosts checks where the definition is.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isPeer, peerHost, peerVirsh, peerVirshQuietly, type PeerHost } from '@virtdeck/test-kit/peer';
import { uniqueName, virsh } from './daemon';
import { mutate, signIn } from './session';

const peer = peerHost();
const name = uniqueName('migrate');
const peerName = `peer ${process.pid}`;
let dir = '';
let uuid = '';
let peerHostId: string | null = null;

test.skip(!isPeer(peer), isPeer(peer) ? '' : (peer as { skip: string }).skip);

test.beforeAll(() => {
  if (!isPeer(peer)) return;
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-migrate-'));
  writeFileSync(
    path.join(dir, 'guest.xml'),
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>`,
  );
  virsh('define', path.join(dir, 'guest.xml'));
  uuid = virsh('domuuid', name).trim();
});

test.afterAll(() => {
  if (!isPeer(peer)) return;
  try {
    virsh('undefine', name);
  } catch {
    // moved, or already gone
  }
  peerVirshQuietly(peer, 'undefine', name);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the migrate dialog moves a VM to the other host and opens its page there, and another browser sees it move; a refusal is shown', async ({ page, browser }) => {
  // (two browsers signed in, a refusal and a migration: more than the default minute on a loaded machine)
  test.setTimeout(180_000);
  const p = peer as PeerHost;
  await signIn(page);
  peerHostId = (await mutate<{ id: string }>(page, 'host.add', { name: peerName, uri: p.tcpUri })).id;
  try {
    const hosts = await page.evaluate(async () => ((await (await fetch('/trpc/host.list')).json()) as { result: { data: { id: string; uri: string | null }[] } }).result.data);
    const sourceId = hosts.find((h) => h.id !== peerHostId)!.id;
    // The hosts overview shows the peer as a host of its own: connected, with its own VM count.
    await page.goto('/');
    const card = page.getByRole('region', { name: `Host ${peerName}` });
    await expect(card.getByTestId('host-state')).toHaveText('connected');
    const peerTotal = () => peerVirsh(p, 'list', '--all', '--name').split('\n').filter((l) => l.trim() !== '').length;
    await expect.poll(async () => Number(await card.getByTestId('vm-total').textContent())).toBe(peerTotal());
    // Another browser on the VM list: the row follows the VM to its new host, without a reload.
    const other = await (await browser.newContext()).newPage();
    await signIn(other);
    await other.goto('/vms');
    const row = other.locator('[data-testid="vm-row"]', { has: other.getByRole('link', { name, exact: true }) });
    await expect(row).toBeVisible();
    const sourceName = await row.locator('td[title]').first().getAttribute('title');
    expect(sourceName).not.toBe(peerName);
    await page.goto(`/vms/${encodeURIComponent(sourceId)}/${uuid}`);
    await page.getByRole('button', { name: 'Migrate…' }).click();
    const dialog = page.getByRole('dialog', { name: `Migrate ${name}` });
    await expect(dialog.getByLabel('Target host')).toContainText(peerName);
    await dialog.getByLabel('Target host').selectOption({ label: peerName });

    // A live migration of a shut-off VM: the server refuses it, nothing moves.
    await dialog.getByLabel('Mode').selectOption('live');
    await dialog.getByRole('button', { name: 'Migrate', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('moves a running VM');
    await page.screenshot({ path: test.info().outputPath('migrate-refused.png') });

    await dialog.getByLabel('Mode').selectOption('offline');
    await dialog.getByLabel('Storage').selectOption('shared');
    await dialog.getByRole('button', { name: 'Migrate', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/vms/${encodeURIComponent(peerHostId)}/${uuid}$`));
    await expect(page.getByText(`on ${peerName}`)).toBeVisible();
    expect(peerVirsh(p, 'domstate', name).trim()).toBe('shut off');
    expect(() => virsh('dominfo', name)).toThrow();
    await page.screenshot({ path: test.info().outputPath('migrated.png') });
    await expect(row.locator('td[title]').first()).toHaveAttribute('title', peerName);
    await expect(other.locator('[data-testid="vm-row"]', { has: other.getByRole('link', { name, exact: true }) })).toHaveCount(1);
    await other.screenshot({ path: test.info().outputPath('vm-list-after.png') });
    await other.context().close();
  } finally {
    await mutate(page, 'host.remove', { hostId: peerHostId });
  }
});
