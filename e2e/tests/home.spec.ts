import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { signIn } from './session';

// A shut-off guest of this test's own, defined through virsh behind the dashboard's back.
const name = uniqueName('home');

test.beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-'));
  const xml = path.join(dir, 'domain.xml');
  writeFileSync(
    xml,
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>96</memory><vcpu>2</vcpu>
      <os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`,
  );
  virsh('define', xml);
  rmSync(dir, { recursive: true });
});

test.afterAll(() => {
  virsh('undefine', name);
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('invalid username or password');
});

test('the home page shows the libvirt version and the VMs read from the real daemon', async ({ page }) => {
  // The daemon here runs the same libvirt build as virsh.
  const expectedVersion = /Using library: libvirt ([\d.]+)/.exec(virsh('version'))?.[1];
  expect(expectedVersion).toBeTruthy();
  await signIn(page);
  await expect(page.getByTestId('host-state')).toHaveText('connected');
  await expect(page.getByTestId('libvirt-version')).toHaveText(expectedVersion!);
  // The VM list itself lives on /vms; the overview counts them by state.
  const shutoff = page.locator('[data-testid="vm-count"][data-state="shutoff"]');
  await expect(shutoff).toContainText('Shut off');
  expect(Number(await shutoff.getByTestId('vm-count-value').textContent())).toBeGreaterThanOrEqual(1);
  await page.screenshot({ path: test.info().outputPath('home.png'), fullPage: true });
});
