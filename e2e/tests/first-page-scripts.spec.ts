// What a signed-out visitor's first page downloads: the sign-in form, on "/" (the hosts
// overview, whose first load the bench weighs against its goal) and on /vms. Neither parses
// with zod nor draws a chart, so neither loads zod (about 90 kB compressed) nor uPlot: a value
// imported from a module that also builds schemas, or from a page that draws graphs, pulls the
// whole of it into every page that imports it (the home page's link to a host page once did).
// Nor do the pages that parse nothing themselves carry zod in their own scripts (the host page
// took its graphs' range names, the tokens page a token's default lifetime, from schema files).
import { expect, test, type Page } from '@playwright/test';

/** Every script the page loads until the network is idle, by path, with its text. */
async function scriptsOf(page: Page, url: string): Promise<Map<string, string>> {
  const scripts = new Map<string, string>();
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    if (!res.url().endsWith('.js') || !res.ok()) return;
    pending.push(res.text().then((text) => void scripts.set(new URL(res.url()).pathname, text)));
  });
  await page.goto(url);
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  return scripts;
}

// zod's error class, and the class uPlot gives its legend (both survive minification).
const markers = { zod: 'ZodError', uPlot: 'u-legend' };

for (const url of ['/', '/vms']) {
  test(`signed out, ${url} loads neither zod nor uPlot`, async ({ page }) => {
    const scripts = await scriptsOf(page, url);
    expect(scripts.size).toBeGreaterThan(0);
    const found = [...scripts].flatMap(([path, text]) =>
      Object.entries(markers)
        .filter(([, marker]) => text.includes(marker))
        .map(([library]) => `${library} in ${path}`),
    );
    expect(found).toEqual([]);
  });
}

for (const url of ['/hosts/vde2e-any-host', '/tokens', '/storage', '/audit', '/admin/users']) {
  test(`${url}'s own scripts carry no zod`, async ({ page }) => {
    const html = await (await page.request.get(url)).text();
    const scripts = [...html.matchAll(/<script[^>]* src="([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const withZod = [];
    for (const src of scripts) if ((await (await page.request.get(src)).text()).includes(markers.zod)) withZod.push(src);
    expect(withZod).toEqual([]);
  });
}
