// A page's first data in one request that the HTML starts (issue 17: nothing waits on a chain of
// script, hydration, session, then list): opening /vms asks for the session and every host's VMs
// in one batch, preloaded by a <link> in the page's head and taken by the client as it is (no
// second request), and the page renders it without a hydration error. Signed out, the same page
// shows the sign-in form. The list's first load brings no zod (it parses nothing), and its rows'
// links are plain links that prefetch nothing, followed without a page load.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ADMIN_PASSWORD, uniqueName, virsh } from './daemon';
import { signIn } from './session';

const name = uniqueName('first-load');

test.beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-'));
  const xml = path.join(dir, 'domain.xml');
  writeFileSync(xml, `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`);
  virsh('define', xml);
  rmSync(dir, { recursive: true });
});

test.afterAll(() => {
  virsh('undefine', name);
});

/** The page's tRPC requests as the browser made them: path and what started each. */
async function trpcRequests(page: Page): Promise<{ path: string; initiator: string }[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => new URL(r.name).pathname.startsWith('/trpc/'))
      .map((r) => ({ path: decodeURIComponent(new URL(r.name).pathname + new URL(r.name).search), initiator: r.initiatorType })),
  );
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    // The browser's own favicon request (the app has none) is not the page's.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('opening /vms signed in: the session and the whole list in one preloaded request, then the rows', async ({ page }) => {
  await signIn(page);
  const errors = collectErrors(page);
  const html = await (await page.goto('/vms'))!.text();
  const row = page.getByTestId('vm-row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await page.getByPlaceholder(/search/i).fill(name);
  await expect(row).toHaveAttribute('data-state', 'shutoff');

  const batch = '/trpc/auth.me,domain.listAll?batch=1&input={}';
  // The head names it, so the browser starts it before any script runs.
  await expect(page.locator(`head link[rel="preload"][as="fetch"][href="${encodeURI(batch).replace('{}', '%7B%7D')}"]`)).toHaveCount(1);
  // The page's first tRPC request, and the only one for the session: the client took the preload's
  // answer. (The list may be asked again later: an event from another suite on the shared daemon
  // can send a resync.)
  const requests = await trpcRequests(page);
  expect(requests[0]).toEqual({ path: batch, initiator: 'link' });
  expect(requests.filter((r) => r.path.includes('auth.me'))).toHaveLength(1);
  expect(errors).toEqual([]);
  // The list parses nothing with zod: its 100 KB of script are not in the page's own scripts
  // (later prefetches of other pages may bring it).
  const scripts = [...html.matchAll(/<script[^>]* src="([^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  const withZod = [];
  for (const src of scripts) if ((await (await page.request.get(src)).text()).includes('ZodError')) withZod.push(src);
  expect(withZod).toEqual([]);
});

test('opening /vms signed out shows the sign-in form, and signing in shows the list', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/vms');
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('vm-row')).toHaveCount(0);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByPlaceholder(/search/i).fill(name);
  await expect(page.getByTestId('vm-row').filter({ has: page.getByRole('link', { name, exact: true }) })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the list’s VM links prefetch no VM page, and a click opens it without a page load', async ({ page }) => {
  await signIn(page);
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto('/vms');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  const link = page.getByTestId('vm-row').filter({ hasText: name }).getByRole('link', { name, exact: true });
  await expect(link).toBeVisible();
  // The main navigation's links prefetch their pages as they come into view, as the rows' links
  // would: once those went out, a row's would have too.
  await expect.poll(() => asked.some((p) => p.startsWith('/networks'))).toBe(true);
  const href = (await link.getAttribute('href'))!;
  expect(asked.filter((p) => p.startsWith(href))).toEqual([]);

  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await link.click();
  await expect(page).toHaveURL(href);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});
