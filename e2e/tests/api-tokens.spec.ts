import { expect, test } from '@playwright/test';
import { signIn } from './session';

// A user makes an API token on the tokens page: the secret is shown once, works as a bearer
// token for /metrics through the web server, is nowhere on the page afterwards, and stops working
// once revoked.
const name = `vde2e-token-${Date.now().toString(36)}`;

test('create a token, see its secret once, use it, revoke it', async ({ page, request }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Create token' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create API token' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Role').selectOption('viewer');
  await dialog.getByLabel('Expires after').selectOption('30');
  await dialog.getByRole('button', { name: 'Create token' }).click();

  const shown = page.getByRole('dialog', { name: 'Token created' });
  const secret = (await shown.getByTestId('token-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^vdt_[A-Za-z0-9_-]{43}$/);
  await page.screenshot({ path: test.info().outputPath('token-created.png') });
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toBeHidden();

  const row = page.locator(`[data-testid="token-row"][data-name="${name}"]`);
  await expect(row).toContainText('Active');
  await expect(row).toContainText('viewer');
  await expect(row).toContainText('Never');
  // Shown once: the secret is nowhere on the page any more, nor after a reload.
  expect(await page.content()).not.toContain(secret);
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // The token scrapes /metrics through the web server, with no cookie.
  const scrape = () => request.get('/metrics', { headers: { authorization: `Bearer ${secret}` }, ignoreHTTPSErrors: true });
  const ok = await scrape();
  expect(ok.status()).toBe(200);
  expect(await ok.text()).toContain('virtdeck_host_up{');
  await page.reload();
  await expect(row).not.toContainText('Never');

  await row.getByRole('button', { name: 'Revoke' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Revoke token ${name}?` });
  await confirm.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  expect((await scrape()).status()).toBe(401);
  await page.screenshot({ path: test.info().outputPath('token-revoked.png'), fullPage: true });
});
