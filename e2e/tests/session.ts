import { expect, type Page } from '@playwright/test';
import { ADMIN_PASSWORD } from './daemon';

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, username = 'admin', password = ADMIN_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Hosts', level: 1 })).toBeVisible();
}
