// A change made while the page's live connection is still opening: the VM list came over HTTP
// (with the session, before the scripts ran), the websocket is held back until libvirt has made
// the change, so the subscription starts after the event it would have carried. The row still ends
// in the state libvirt reports, with no second list request: the BFF starts a session's first
// subscription from where its event log stood before that session's reads
// (apps/bff/src/live/read-cursors.ts), so it replays the suspend.
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { qemuUri, uniqueName, virsh } from './daemon';
import { signIn } from './session';

const guest = uniqueName('livestart');
let dir = '';

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-livestart-'));
  chmodSync(dir, 0o755);
  // No disk: qemu starts it (TCG, 32 MiB) and it idles in its firmware.
  writeFileSync(
    path.join(dir, 'guest.xml'),
    `<domain type='qemu'><name>${guest}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
     <os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>`,
  );
  virsh('define', path.join(dir, 'guest.xml'));
  virsh('start', guest);
});

test.afterAll(() => {
  for (const args of [['destroy', guest], ['undefine', guest]]) {
    try {
      execFileSync('virsh', ['-q', '-c', qemuUri(), ...args], { stdio: 'ignore' });
    } catch {
      /* already gone */
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a VM suspended while the live connection opens shows paused once it is open', async ({ page }) => {
  await signIn(page);
  // The next page's websocket: what the page sends waits, and nothing reaches the BFF, until released.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let opened = false;
  await page.routeWebSocket(/\/trpc$/, (ws) => {
    opened = true;
    const waiting: (string | Buffer)[] = [];
    let server: WebSocketRoute | null = null;
    ws.onMessage((m) => (server ? server.send(m) : waiting.push(m)));
    void released.then(() => {
      const s = ws.connectToServer();
      s.onMessage((m) => ws.send(m));
      for (const m of waiting.splice(0)) s.send(m);
      server = s;
    });
  });

  await page.goto('/vms');
  await page.getByPlaceholder('Search by name').fill(guest);
  const row = page.getByTestId('vm-row').filter({ has: page.getByRole('link', { name: guest, exact: true }) });
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect.poll(() => opened).toBe(true);

  virsh('suspend', guest);
  expect(virsh('domstate', guest).trim()).toBe('paused');
  release();
  await expect(row).toHaveAttribute('data-state', 'paused');

  // And live from then on: the resume comes as an event.
  virsh('resume', guest);
  await expect(row).toHaveAttribute('data-state', 'running');
});
