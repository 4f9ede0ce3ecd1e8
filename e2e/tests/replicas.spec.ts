import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startPostgres, type PgCluster } from '@virtdeck/test-kit/postgres';
import { startBffReplica, startRoundRobinProxy, type BffReplica, type RoundRobinProxy } from '@virtdeck/test-kit/replicas';
import { ADMIN_PASSWORD, qemuUri, stateDir, uniqueName, virsh } from './daemon';
import { WEB_DIR } from './web-export';
import { mutate } from './session';

// Two BFF replicas on one PostgreSQL, each serving the web too, behind Debian's nginx (round
// robin): the browser's pages, calls and websockets land on both replicas. A stack of this file's
// own, beside the one the config starts.
test.describe.configure({ mode: 'serial' });

let cluster: PgCluster;
let a: BffReplica;
let b: BffReplica;
let proxy: RoundRobinProxy;
let origin = '';
const domain = uniqueName('replicas');
const xmlDir = mkdtempSync(path.join(tmpdir(), 'vde2e-'));
const xml = path.join(xmlDir, 'domain.xml');
let defined = false;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cluster = await startPostgres();
  const databaseUrl = await cluster.createDatabase();
  const proxyPort = await freePort();
  origin = `http://127.0.0.1:${proxyPort}`;
  const replica = () =>
    startBffReplica({ databaseUrl, libvirtUri: qemuUri(), adminPassword: ADMIN_PASSWORD, webOrigin: origin, webDir: WEB_DIR, env: { VIRTDECK_TEST_NODE_DIR: stateDir } });
  // One after the other: the first registers the daemon as the first host.
  a = await replica();
  b = await replica();
  proxy = await startRoundRobinProxy([`127.0.0.1:${a.webPort}`, `127.0.0.1:${b.webPort}`], proxyPort);
  await expect.poll(() => fetch(`${origin}/`).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);
  writeFileSync(xml, `<domain type='qemu'><name>${domain}</name><uuid>${randomUUID()}</uuid><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`);
});

test.afterAll(async () => {
  if (defined) virsh('undefine', domain);
  rmSync(xmlDir, { recursive: true, force: true });
  await proxy?.stop();
  await a?.stop();
  await b?.stop();
  await cluster?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Hosts', level: 1 })).toBeVisible();
}

/** A query straight to one replica, with the browser's session cookie. */
async function hostNamesOn(page: Page, replica: BffReplica): Promise<string[]> {
  const cookie = (await page.context().cookies(origin)).map((c) => `${c.name}=${c.value}`).join('; ');
  const res = await fetch(`${replica.url}/trpc/host.list`, { headers: { cookie } });
  if (!res.ok) return [];
  return ((await res.json()) as { result: { data: { name: string }[] } }).result.data.map((h) => h.name);
}

const vmTotal = (page: Page) => page.getByTestId('host-card').first().getByTestId('vm-total');
const virshTotal = () => virsh('list', '--all', '--name').split('\n').filter((l) => l.trim() !== '').length;

test('a browser session works through both replicas, live events included', async ({ page }) => {
  await signIn(page);
  for (const link of ['VMs', 'Storage', 'Networks', 'Audit', 'Hosts']) {
    await page.getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await expect(page.getByTestId('host-card').first().getByTestId('host-state')).toHaveText('connected');
  // The calls were shared out between the two replicas.
  const seen = new Set(proxy.upstreamsSeen());
  expect([...seen].sort()).toEqual([`127.0.0.1:${a.webPort}`, `127.0.0.1:${b.webPort}`].sort());

  // A change behind the dashboard's back reaches the page live, whichever replica it listens to.
  await expect.poll(async () => Number(await vmTotal(page).textContent())).toBe(virshTotal());
  virsh('define', xml);
  defined = true;
  await expect.poll(async () => Number(await vmTotal(page).textContent())).toBe(virshTotal());
});

test('a host added through one replica appears on the other', async ({ page }) => {
  await signIn(page);
  const name = uniqueName('peer');
  const host = await mutate<{ id: string }>(page, 'host.add', { name, uri: 'test:///default' });
  try {
    await expect.poll(() => hostNamesOn(page, a)).toContain(name);
    await expect.poll(() => hostNamesOn(page, b)).toContain(name);
    await expect(page.getByRole('region', { name: `Host ${name}` })).toBeVisible();
  } finally {
    await mutate(page, 'host.remove', { hostId: host.id });
  }
  // Gone from both (the page learns of a removal at its next fetch: no state event names it).
  await expect.poll(() => hostNamesOn(page, a)).not.toContain(name);
  await expect.poll(() => hostNamesOn(page, b)).not.toContain(name);
  await page.reload();
  await expect(page.getByTestId('host-card').first()).toBeVisible();
  await expect(page.getByRole('region', { name: `Host ${name}` })).toHaveCount(0);
});

test('one replica killed mid-session: the page keeps working through the other', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await expect.poll(async () => Number(await vmTotal(page).textContent())).toBe(virshTotal());
  await a.kill();

  // Calls and changes go on through the other replica (nginx passes refused ones on).
  await page.getByRole('link', { name: 'VMs', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Hosts', exact: true }).click();
  await expect(page.getByTestId('host-card').first().getByTestId('host-state')).toHaveText('connected');
  const name = uniqueName('after-kill');
  const host = await mutate<{ id: string }>(page, 'host.add', { name, uri: 'test:///default' });
  await expect(page.getByRole('region', { name: `Host ${name}` })).toBeVisible();
  await mutate(page, 'host.remove', { hostId: host.id });

  // Live events too: the page's websocket reconnects to the other replica, which takes over the
  // host's event feed once the dead one's lease lapses.
  virsh('undefine', domain);
  defined = false;
  await expect.poll(async () => Number(await vmTotal(page).textContent()), { timeout: 30_000 }).toBe(virshTotal());
  await page.reload();
  await expect(page.getByTestId('host-card').first().getByTestId('host-state')).toHaveText('connected');
});

test('PostgreSQL stopped: a change is refused with a clear message, and works once it is back', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  const username = uniqueName('u').toLowerCase().replace(/[^a-z0-9._-]/g, '-').slice(0, 60);
  await page.getByRole('button', { name: 'Create user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Password').fill('replica-user-password');
  await dialog.getByLabel('Role').selectOption('viewer');

  await cluster.halt();
  try {
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect(dialog.getByText(/The database \(PostgreSQL\) cannot be reached: changes are refused until it is back/)).toBeVisible();
    // A page opened meanwhile says which part is down.
    const other = await page.context().newPage();
    await other.goto(`${origin}/`);
    await expect(other.getByText('The Virtdeck database is unavailable')).toBeVisible();
    await other.close();
  } finally {
    await cluster.start();
  }
  // Back by itself: once the replicas answer again (reconnected on their own), the same form goes through.
  await expect.poll(() => page.evaluate(async () => (await fetch('/trpc/auth.me')).status), { timeout: 60_000 }).toBe(200);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel(`Role of ${username}`)).toHaveValue('viewer');
});
