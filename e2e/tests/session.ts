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

/** Calls a tRPC mutation from the signed-in page, with its CSRF token, as the web app does. */
export async function mutate<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ procedure, input }) => {
      const me = (await (await fetch('/trpc/auth.me')).json()) as { result: { data: { csrfToken: string } } };
      const res = await fetch(`/trpc/${procedure}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.result.data.csrfToken },
        body: JSON.stringify(input),
      });
      if (!res.ok) throw new Error(`${procedure}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { result: { data: unknown } }).result.data;
    },
    { procedure, input },
  ) as Promise<T>;
}
