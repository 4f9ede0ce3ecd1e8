// Editing a VM from its page, against the real daemon: CPU and memory, boot order and menu,
// title and description (each dialog refusing bad input next to the field), what waits for the
// next boot marked pending, and the raw XML editor for admins (diff, libvirt's refusal in the
// editor). Each change is checked with virsh, live and persistent.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { mutate, signIn } from './session';

const name = uniqueName('edit');
let dir = '';

const quiet = (...args: string[]) => {
  try {
    virsh(...args);
  } catch {
    // not running, or already gone
  }
};
const inactiveXml = () => virsh('dumpxml', name, '--inactive');
const vcpuLine = (xml: string) => /<vcpu[^>]*>\d+<\/vcpu>/.exec(xml)?.[0];

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-edit-'));
  const file = path.join(dir, 'guest.xml');
  writeFileSync(file, readFileSync(path.join(import.meta.dirname, 'fixtures', 'edit-guest.xml'), 'utf8').replace('NAME', name));
  virsh('define', file);
});

test.afterAll(() => {
  quiet('destroy', name);
  quiet('undefine', name);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openSettings(page: Page): Promise<void> {
  await page.goto('/vms');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await page.getByTestId('vm-row').filter({ hasText: name }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('tab', { name: 'Settings' }).click();
}

const setting = (page: Page, label: string) => page.getByTestId(`setting-${label}`);

test('CPU and memory: a refusal next to the field, then saved to the definition', async ({ page }) => {
  await signIn(page);
  await openSettings(page);
  await page.getByRole('button', { name: 'Edit CPU and memory…' }).click();
  const dialog = page.getByRole('dialog', { name: 'CPU and memory' });
  await dialog.getByLabel('vCPUs', { exact: true }).fill('4');
  await dialog.getByLabel('Memory, MiB', { exact: true }).fill('8');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('at most the maximum vCPUs')).toBeVisible();
  await expect(dialog.getByText('at least 16')).toBeVisible();
  expect(vcpuLine(inactiveXml())).toBe("<vcpu placement='static'>2</vcpu>");

  await dialog.getByLabel('Maximum vCPUs').fill('4');
  await dialog.getByLabel('vCPUs', { exact: true }).fill('3');
  await dialog.getByLabel('Memory, MiB', { exact: true }).fill('96');
  await dialog.getByLabel('Maximum memory, MiB').fill('160');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(setting(page, 'vCPUs')).toContainText('3');
  await expect(setting(page, 'Maximum memory')).toContainText('160 MiB');
  const xml = inactiveXml();
  expect(vcpuLine(xml)).toBe("<vcpu placement='static' current='3'>4</vcpu>");
  expect(xml).toContain("<memory unit='KiB'>163840</memory>");
  expect(xml).toContain("<currentMemory unit='KiB'>98304</currentMemory>");
});

test('boot order and menu: nothing to boot from is refused, then a NIC first', async ({ page }) => {
  await signIn(page);
  await openSettings(page);
  await page.getByRole('button', { name: 'Edit boot order…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Boot order' });
  const rows = dialog.getByTestId('boot-row');
  await expect(rows).toHaveCount(3);
  // The fixture boots from CD-ROM, i.e. the first CD-ROM (sda).
  await dialog.getByRole('checkbox', { name: 'Boot from CD-ROM sda' }).uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByTestId('error-boot-order')).toHaveText('choose at least one device to boot from');

  await dialog.getByRole('checkbox', { name: /Boot from NIC 52:54:00:5e:00:01/ }).check();
  await dialog.getByRole('checkbox', { name: 'Boot from CD-ROM sdb' }).check();
  await dialog.getByRole('button', { name: /Move NIC 52:54:00:5e:00:01 .* up/ }).click();
  await dialog.getByRole('button', { name: /Move NIC 52:54:00:5e:00:01 .* up/ }).click();
  await dialog.getByRole('checkbox', { name: 'Show the boot menu' }).check();
  await dialog.getByLabel('Menu timeout, ms').fill('70000');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('at most 65,535')).toBeVisible();
  await dialog.getByLabel('Menu timeout, ms').fill('2500');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(setting(page, 'Boot order')).toContainText('NIC 52:54:00:5e:00:01 → sdb');
  await expect(setting(page, 'Boot menu')).toContainText('shown, 2500 ms');
  const xml = inactiveXml();
  expect(xml).not.toContain('<boot dev=');
  expect(xml).toMatch(/<mac address='52:54:00:5e:00:01'\/>[\s\S]*?<boot order='1'\/>/);
  expect(xml).toMatch(/<target dev='sdb' bus='sata'\/>[\s\S]*?<boot order='2'\/>/);
  expect(xml).toContain("<bootmenu enable='yes' timeout='2500'/>");

  // Defined again behind the page's back: libvirt's 'defined' event refreshes the tab.
  const file = path.join(dir, 'redefined.xml');
  writeFileSync(file, virsh('dumpxml', name, '--inactive', '--security-info').replace("timeout='2500'", "timeout='4000'"));
  virsh('define', file);
  await expect(setting(page, 'Boot menu')).toContainText('shown, 4000 ms');
});

test('title and description: too long is refused, then set live on a running VM', async ({ page }) => {
  virsh('start', name);
  await signIn(page);
  await openSettings(page);
  await page.getByRole('button', { name: 'Edit title and description…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Title and description' });
  await dialog.getByLabel('Description', { exact: true }).fill('x'.repeat(8193));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('at most 8,192 characters')).toBeVisible();
  await dialog.getByLabel('Title', { exact: true }).fill('Front end & cache');
  await dialog.getByLabel('Description', { exact: true }).fill('Serves the web.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(setting(page, 'Title')).toContainText('Front end & cache');
  for (const xml of [virsh('dumpxml', name), inactiveXml()]) expect(xml).toContain('<title>Front end &amp; cache</title>');
});

test('a running VM marks what waits for the next boot as pending', async ({ page }) => {
  await signIn(page);
  await openSettings(page);
  // The boot order saved while the VM was off is live now; change it again, and the vCPUs:
  // the three it started with cannot be unplugged.
  await page.getByRole('button', { name: 'Edit CPU and memory…' }).click();
  const dialog = page.getByRole('dialog', { name: 'CPU and memory' });
  await dialog.getByLabel('vCPUs', { exact: true }).fill('1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Saved; some changes wait for the next boot')).toBeVisible();
  await expect(setting(page, 'vCPUs').getByTestId('pending-badge')).toBeVisible();
  await expect(setting(page, 'Title').getByTestId('pending-badge')).toHaveCount(0);
  expect(vcpuLine(virsh('dumpxml', name))).toBe("<vcpu placement='static' current='3'>4</vcpu>");
  expect(vcpuLine(inactiveXml())).toBe("<vcpu placement='static' current='1'>4</vcpu>");
});

async function replaceEditorText(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('xml-editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

test('raw XML for admins: a refusal shown in the editor changes nothing; a diff, then saved', async ({ page, browser }) => {
  await signIn(page);
  await openSettings(page);
  await page.getByRole('tab', { name: 'XML' }).click();
  await page.getByRole('button', { name: 'Edit XML…' }).click();
  await expect(page.getByTestId('xml-editor')).toContainText(`<name>${name}</name>`);
  const before = inactiveXml();
  const original = virsh('dumpxml', name, '--inactive', '--security-info');

  await replaceEditorText(page, original.replace('</devices>', '<bogus/></devices>'));
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(page.getByTestId('xml-diff')).toContainText('<bogus/>');
  await page.getByRole('button', { name: 'Save definition' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved:' })).toContainText(/validate/i);
  await expect(page.getByTestId('xml-editor').locator('.cm-lint-marker-error')).toBeVisible();
  expect(inactiveXml()).toBe(before);

  await replaceEditorText(page, original.replace('<on_crash>destroy</on_crash>', '<on_crash>restart</on_crash>'));
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(page.getByTestId('xml-diff')).toContainText('restart');
  await page.getByRole('button', { name: 'Save definition' }).click();
  await expect(page.getByTestId('xml-editor')).toHaveCount(0);
  expect(inactiveXml()).toContain('<on_crash>restart</on_crash>');
  expect(virsh('dumpxml', name)).toContain('<on_crash>destroy</on_crash>');

  // Operators edit CPU, memory and boot, never the XML.
  await mutate(page, 'user.create', { username: `${name}-op`, password: 'operator-password-1', role: 'operator' });
  const context = await browser.newContext();
  const op = await context.newPage();
  await signIn(op, `${name}-op`, 'operator-password-1');
  await openSettings(op);
  await expect(op.getByRole('button', { name: 'Edit CPU and memory…' })).toBeVisible();
  await op.getByRole('tab', { name: 'XML' }).click();
  await expect(op.getByTestId('vm-xml')).toBeVisible();
  await expect(op.getByRole('button', { name: 'Edit XML…' })).toHaveCount(0);
  await context.close();
});
