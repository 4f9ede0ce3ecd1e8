import { expect, test, type Page } from '@playwright/test';
import { makeDirPool, type TestPool } from './pools';
import { signIn } from './session';

// An admin makes a viewer; the viewer sees nothing that changes anything, cannot reach the admin
// pages, and a forged mutation from the viewer's page is refused; the audit log shows it all.
const viewer = `vde2e-viewer-${Date.now().toString(36)}`;
const viewerPassword = 'viewer-password-123';

// A pool of the test's own, so the viewer's storage page has a row to look at on an empty daemon.
let pool: TestPool | undefined;
test.beforeAll(() => {
  pool = makeDirPool('viewpool');
});
test.afterAll(() => pool?.remove());

const MUTATING = /^(Add host|Remove|Define pool|Create volume|Upload|Start|Stop|Refresh|Delete|Create user)\b/;

async function expectNoMutatingControl(page: Page) {
  const buttons = page.getByRole('button');
  const names = await buttons.evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()));
  expect(names.filter((n) => MUTATING.test(n))).toEqual([]);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
}

test('admin creates a viewer who can only look; forged mutations are refused; the audit log shows it', async ({ page, browser }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();

  // The last admin cannot demote themself: the refusal is shown on the row.
  await page.getByLabel('Role of admin').selectOption('viewer');
  await expect(page.getByRole('alert').filter({ hasText: 'last enabled admin' })).toBeVisible();
  await expect(page.getByLabel('Role of admin')).toHaveValue('admin');

  // A too-short password is refused on its field.
  await page.getByRole('button', { name: 'Create user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  await dialog.getByLabel('Username').fill(viewer);
  await dialog.getByLabel('Password').fill(viewerPassword);
  await dialog.getByLabel('Role').selectOption('viewer');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog).toBeHidden();
  const row = page.locator(`[data-testid="user-row"][data-username="${viewer}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByLabel(`Role of ${viewer}`)).toHaveValue('viewer');
  await page.screenshot({ path: test.info().outputPath('users.png'), fullPage: true });

  // The viewer, in a browser of their own.
  const ctx = await browser.newContext();
  const vpage = await ctx.newPage();
  await signIn(vpage, viewer, viewerPassword);
  await expect(vpage.getByTestId('host-state').first()).toHaveText('connected');
  await expect(vpage.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(vpage.getByRole('link', { name: 'Audit' })).toHaveCount(0);
  await expectNoMutatingControl(vpage);

  await vpage.getByRole('link', { name: 'Storage' }).click();
  await expect(vpage.locator(`[data-testid="pool-row"][data-pool="${pool!.name}"]`)).toBeVisible();
  await expectNoMutatingControl(vpage);
  await vpage.getByRole('link', { name: 'Networks' }).click();
  await expect(vpage.getByRole('heading', { name: 'Networks', level: 1 })).toBeVisible();
  await expect(vpage.getByRole('table', { name: 'Networks' }).or(vpage.getByText('No virtual networks'))).toBeVisible();
  await expectNoMutatingControl(vpage);

  await vpage.goto('/admin/users');
  await expect(vpage.getByRole('alert').filter({ hasText: 'Admins only' })).toBeVisible();
  await expect(vpage.getByRole('table', { name: 'Users' })).toHaveCount(0);
  await vpage.goto('/audit');
  await expect(vpage.getByRole('alert').filter({ hasText: 'Admins only' })).toBeVisible();

  // Forged mutations from the viewer's page: without the CSRF header, and with it (role check).
  const statuses = await vpage.evaluate(async () => {
    const add = (headers: Record<string, string>) =>
      fetch('/trpc/host.add', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'x', uri: 'test:///default' }),
      }).then((r) => r.status);
    const me = (await (await fetch('/trpc/auth.me')).json()) as { result: { data: { csrfToken: string } } };
    return { without: await add({}), with: await add({ 'x-csrf-token': me.result.data.csrfToken }) };
  });
  expect(statuses).toEqual({ without: 403, with: 403 });
  await ctx.close();

  // The audit log, newest first: the user created, the refused demotion, the refused host.add.
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const rows = page.getByTestId('audit-row');
  await expect(rows.filter({ hasText: viewer }).filter({ hasText: 'create' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'set-role' }).first()).toHaveAttribute('data-result', 'error');
  await expect(rows.filter({ hasText: viewer }).filter({ hasText: 'add' }).first()).toHaveAttribute('data-result', 'error');

  // Filters: only errors.
  await page.getByLabel('Result').selectOption('error');
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"][data-result="ok"]')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('audit.png'), fullPage: true });
});
