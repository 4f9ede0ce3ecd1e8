// Backup schedules from the browser: on a VM's Schedules tab an operator tags the VM and creates a
// weekly schedule for it (times in UTC, said so); the Schedules page lists it with its next run;
// deleting it asks first.
import { expect, test, type Page } from '@playwright/test';
import { uniqueName, virsh } from './daemon';
import { removeGuest } from './guests';
import { signIn } from './session';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const name = uniqueName('sched');
const schedule = uniqueName('weekly');
let dir = '';
let uuid = '';

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-sched-'));
  writeFileSync(path.join(dir, 'd.xml'), `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`);
  virsh('define', path.join(dir, 'd.xml'));
  uuid = virsh('domuuid', name).trim();
});

test.afterAll(() => {
  removeGuest(name);
  rmSync(dir, { recursive: true, force: true });
});

const hostIdOf = (page: Page) => page.evaluate(async () => ((await (await fetch('/trpc/host.list')).json()) as { result: { data: { id: string }[] } }).result.data[0]!.id);

test('tag a VM, schedule its weekly backup, see it on the Schedules page, delete it', async ({ page }) => {
  await signIn(page);
  await page.goto(`/vms/${await hostIdOf(page)}/${uuid}`);
  await page.getByRole('tab', { name: 'Schedules' }).click();
  await expect(page.getByText('No backup schedules')).toBeVisible();

  await page.getByLabel('New tag').fill('Bad Tag');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByText("lower-case letters, digits, '.', '_' or '-'")).toBeVisible();
  await page.getByLabel('New tag').fill('web');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('vm-tag')).toHaveText(['web']);

  await page.getByRole('button', { name: 'New schedule' }).click();
  const form = page.getByRole('form', { name: 'Backup schedule' });
  await form.getByLabel('Name').fill(schedule);
  await form.getByLabel('How often').selectOption('weekly');
  await form.getByLabel('Day').selectOption({ label: 'Saturday' });
  await form.getByLabel('Time (UTC)').fill('03:30');
  await form.getByLabel('Full sets to keep').fill('2');
  await expect(form.getByRole('checkbox', { name })).toBeChecked();
  await form.getByRole('button', { name: 'Create schedule' }).click();
  await expect(form).toBeHidden();

  const row = page.locator(`[data-testid="schedule-row"][data-schedule="${schedule}"]`);
  await expect(row).toContainText('Saturdays at 03:30 UTC');
  await expect(row).toContainText('keeps 2 full sets');
  await expect(row).toContainText(name);
  await expect(row).toContainText('No runs yet');

  await page.getByRole('link', { name: 'Schedules', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Backup schedules', level: 1 })).toBeVisible();
  const listed = page.locator(`[data-testid="schedule-row"][data-schedule="${schedule}"]`);
  await expect(listed).toContainText(/\d{4}-\d{2}-\d{2} 03:30 UTC/);
  await listed.getByRole('button', { name: `Delete schedule ${schedule}` }).click();
  await page.getByRole('button', { name: `Delete ${schedule}` }).click();
  await expect(listed).toHaveCount(0);
});
