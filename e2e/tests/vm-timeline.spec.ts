// The VM page's Timeline tab: a real guest's state changes appear live (no reload), newest first,
// beside who did what (the audit rows) and a job with its outcome and duration.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { removeGuest } from './guests';
import { mutate, signIn } from './session';

const name = uniqueName('timeline');
let dir = '';
let uuid = '';

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-tl-'));
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path.join(dir, 'd.qcow2'), '32M']);
  writeFileSync(
    path.join(dir, 'd.xml'),
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>
     <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${path.join(dir, 'd.qcow2')}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
  );
  virsh('define', path.join(dir, 'd.xml'));
  uuid = virsh('domuuid', name).trim();
});

test.afterAll(() => {
  removeGuest(name);
  rmSync(dir, { recursive: true, force: true });
});

test.describe.configure({ timeout: 90_000 });

const hostIdOf = (page: Page) => page.evaluate(async () => ((await (await fetch('/trpc/host.list')).json()) as { result: { data: { id: string }[] } }).result.data[0]!.id);
const entries = (page: Page) => page.getByRole('list', { name: 'Timeline' }).getByTestId('timeline-entry');
/** Entries whose title is exactly `title` (a detail such as "unpaused" must not match "Paused"). */
const titled = (page: Page, title: string) => entries(page).filter({ has: page.getByTestId('timeline-title').getByText(title, { exact: true }) });

test('the timeline shows state changes live, newest first, with who did what and a job', async ({ page }) => {
  await signIn(page);
  const hostId = await hostIdOf(page);
  await page.goto(`/vms/${hostId}/${uuid}`);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  // The BFF was running when the test defined the guest: libvirt's `defined` is the first entry.
  await expect(entries(page).first()).toContainText('Defined');

  // Behind the BFF's back: libvirt's event is recorded and the open tab shows it, no reload.
  virsh('start', name);
  await expect(titled(page, 'Started')).toHaveCount(1);

  // Through the API: the state change, and the audit row naming the admin (which of the two is
  // newer depends on whether libvirt's event or the answer came first).
  const actions = entries(page).and(page.locator('[data-kind="audit"]'));
  await mutate(page, 'domain.pause', { hostId, uuid });
  await expect(titled(page, 'Paused')).toHaveCount(1);
  await expect(actions.filter({ hasText: 'pause' }).filter({ hasText: 'admin' })).toHaveCount(1);
  await mutate(page, 'domain.forceOff', { hostId, uuid });
  await expect(titled(page, 'Stopped')).toHaveCount(1);
  await expect(actions.first()).toContainText('force-off');

  // A job: a snapshot of the shut-off guest, with its outcome and duration.
  await mutate(page, 'snapshot.create', { hostId, uuid, name: 'tl-e2e', kind: 'internal' });
  const job = entries(page).filter({ hasText: 'create internal snapshot tl-e2e' });
  await expect(job).toContainText('Snapshot');
  await expect(job).toContainText(/ok in [\d.]+ (ms|s)/);

  // Newest first: every entry's time is at or before the one above it.
  const times = await entries(page).locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
  expect(times).toEqual([...times].sort((a, b) => b - a));
});
