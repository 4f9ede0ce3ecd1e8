// The security headers in the browser: every page carries a CSP without inline scripts but its own
// (Next.js's and the theme script, each allowed by its hash; the external ones by their integrity),
// an inline script slipped into a page does not run, and the VM list, the VNC, SPICE and serial
// consoles load under it without one violation. Then the production server (the BFF serving the
// web) over HTTPS with the certificate it makes itself: HSTS, and its session cookie Secure.
import { expect, request, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { WEB_DIR } from './web-export';
import { ADMIN_PASSWORD, qemuUri, uniqueName, virsh } from './daemon';
import { signIn } from './session';

const vncGuest = uniqueName('csp-vnc');
const spiceGuest = uniqueName('csp-spice');
const serialGuest = uniqueName('csp-serial');
const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-csp-'));
const uuids: Record<string, string> = {};

function guest(name: string, devices: string): string {
  return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
    <os><type arch='x86_64' machine='pc'>hvm</type></os><devices>${devices}</devices></domain>`;
}

test.beforeAll(() => {
  const defs: [string, string][] = [
    [vncGuest, guest(vncGuest, `<graphics type='vnc' autoport='yes' listen='127.0.0.1'/><video><model type='cirrus'/></video>`)],
    [spiceGuest, guest(spiceGuest, `<graphics type='spice' autoport='yes' listen='127.0.0.1'/><video><model type='qxl'/></video>`)],
    [serialGuest, guest(serialGuest, `<serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>`)],
  ];
  for (const [name, xml] of defs) {
    writeFileSync(path.join(dir, `${name}.xml`), xml);
    virsh('define', path.join(dir, `${name}.xml`));
    virsh('start', name);
    uuids[name] = virsh('domuuid', name).trim();
  }
});

test.afterAll(() => {
  for (const name of [vncGuest, spiceGuest, serialGuest]) {
    for (const args of [['destroy', name], ['undefine', name]]) {
      try {
        virsh(...args);
      } catch {
        // not running, or never defined
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Every CSP violation the page reports, from its own event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to (execute|load|connect|apply|evaluate|create)/i.test(msg.text())) violations.push(msg.text());
  });
  page.on('pageerror', (e) => {
    if (/Content Security Policy|unsafe-eval/i.test(e.message)) violations.push(e.message);
  });
  await page.exposeFunction('__reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const where = `${e.sourceFile}:${e.lineNumber} on ${location.pathname}`;
      (window as unknown as { __reportCspViolation(v: string): void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${where}`);
    });
  });
  return violations;
}

const hostIdOf = async (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch('/trpc/host.list');
    const body = (await res.json()) as { result: { data: { id: string }[] } };
    return body.result.data[0]!.id;
  });

test('a page carries the security headers, and its CSP allows its own inline scripts by their hashes only', async ({ page }) => {
  const res = await page.goto('/');
  const headers = res!.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  const policy = headers['content-security-policy'] ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src ')) ?? '';
  expect(scriptSrc).toMatch(/'strict-dynamic'/);
  expect(scriptSrc).not.toContain('unsafe-inline');
  expect(scriptSrc).not.toContain('unsafe-eval');
  expect(scriptSrc).not.toContain('nonce-');
  // The theme script and Next.js's inline scripts are each allowed by the hash of their text, the
  // external ones by their integrity.
  const html = await res!.text();
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).filter(Boolean);
  expect(inline.length).toBeGreaterThan(0);
  for (const text of inline) expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(text).digest('base64')}'`);
  const external = [...html.matchAll(/<script[^>]*\ssrc="[^"]+"[^>]*>/g)].map((m) => m[0]);
  expect(external.length).toBeGreaterThan(0);
  for (const tag of external) {
    const integrity = /integrity="(sha256-[^"]+)"/.exec(tag)?.[1];
    expect(integrity, tag).toBeDefined();
    expect(scriptSrc).toContain(`'${integrity}'`);
  }
});

test('an inline script slipped into a page does not run, and the page still works', async ({ page }) => {
  const violations = await watchViolations(page);
  // The page as served, with its headers, and one inline script more that no hash allows.
  await page.route('/', async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace('</body>', '<script>window.__injected = true</script></body>');
    await route.fulfill({ response: res, body });
  });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations.every((v) => /script-src|inline/.test(v))).toBe(true);
});

test('the stored theme is applied by the inline theme script under the CSP', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.addInitScript(() => localStorage.setItem('virtdeck-theme', 'dark'));
  // Scripts after the theme script are held back, so only the theme script can set the class.
  await page.route(/\/_next\/static\/.*\.js$/, (route) => route.abort());
  await page.goto('/');
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  expect(violations).toEqual([]);
});

test('the VM list and the VNC, SPICE and serial consoles load without a CSP violation', async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page);
  await page.goto('/vms');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(vncGuest);
  await expect(page.getByTestId('vm-row').filter({ hasText: vncGuest })).toContainText('Running');

  const hostId = await hostIdOf(page);
  await page.goto(`/console/${hostId}/${uuids[vncGuest]}`);
  await expect(page.getByTestId('console-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('vnc-screen').locator('canvas')).toBeVisible();

  await page.goto(`/console/${hostId}/${uuids[spiceGuest]}`);
  await expect(page.getByTestId('console-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect(page.getByTestId('spice-screen').locator('canvas').first()).toBeVisible({ timeout: 30_000 });

  await page.goto(`/console/${hostId}/${uuids[serialGuest]}`);
  await page.getByRole('radio', { name: 'Serial' }).click();
  await expect(page.getByTestId('console-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('serial-screen').locator('.xterm')).toBeVisible();
  expect(violations).toEqual([]);
});

test('every page of the dashboard loads without a CSP violation', async ({ page }) => {
  const pool = uniqueName('csp-pool');
  const poolDir = path.join(dir, 'pool');
  mkdirSync(poolDir);
  virsh('pool-define-as', pool, 'dir', '--target', poolDir);
  try {
    virsh('pool-start', pool);
    const violations = await watchViolations(page);
    await signIn(page);
    const hostId = await hostIdOf(page);
    const pages: [string, string | RegExp][] = [
      ['/vms', 'Virtual machines'],
      ['/vms/new', 'New virtual machine'],
      ['/storage', 'Storage'],
      [`/storage/${hostId}/${pool}`, new RegExp(pool)],
      ['/networks', 'Networks'],
      ['/audit', 'Audit log'],
      ['/admin/users', 'Users'],
      [`/vms/${hostId}/${uuids[vncGuest]}`, vncGuest],
    ];
    for (const [url, heading] of pages) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    }
    // The VM page's tabs: live charts, the disk chain tree, snapshots, the highlighted XML.
    for (const tab of ['Disks', 'NICs', 'Snapshots', 'XML', 'Overview']) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    }
    expect(violations).toEqual([]);
  } finally {
    for (const args of [['pool-destroy', pool], ['pool-undefine', pool]]) {
      try {
        virsh(...args);
      } catch {
        // already gone
      }
    }
  }
});

test.describe('the production server over HTTPS', () => {
  let server: ChildProcess | undefined;
  let origin = '';
  const dataDir = path.join(dir, 'web-data');

  test.beforeAll(async () => {
    // The same compiled BFF and web export as the suite's, a second one on ports of its own, with
    // VIRTDECK_TLS=self-signed and a database of its own.
    server = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../apps/bff/dist/main.js')], {
      env: {
        ...process.env,
        VIRTDECK_TLS: 'self-signed',
        VIRTDECK_WEB_PORT: '0',
        VIRTDECK_BFF_PORT: '0',
        VIRTDECK_WEB_DIR: WEB_DIR,
        VIRTDECK_DATA_DIR: dataDir,
        VIRTDECK_LIBVIRT_URI: qemuUri(),
        VIRTDECK_ADMIN_PASSWORD: ADMIN_PASSWORD,
        VIRTDECK_METRICS_INTERVAL_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      server!.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /\[web\] (https:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      server!.on('exit', (code) => reject(new Error(`the BFF exited (${code}) before listening:\n${out}`)));
    });
  });

  test.afterAll(() => {
    server?.kill('SIGTERM');
  });

  test('serves HSTS with its pages and marks its session cookie Secure', async () => {
    // The certificate is the one the server just made: trusted by nobody, hence ignoreHTTPSErrors.
    const api = await request.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
    try {
      const page = await api.get('/');
      expect(page.status()).toBe(200);
      expect(page.headers()['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(page.headers()['content-security-policy']).toContain(`connect-src 'self' wss://${new URL(origin).host}`);
      expect(page.headers()['content-security-policy']).toContain('upgrade-insecure-requests');

      const login = await api.post('/trpc/auth.login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
      expect(login.status()).toBe(200);
      const cookies = login.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
      expect(cookies.length).toBeGreaterThan(0);
      for (const c of cookies) expect(c).toMatch(/;\s*Secure(;|$)/i);
      expect(login.headers()['strict-transport-security']).toMatch(/^max-age=\d+/);
    } finally {
      await api.dispose();
    }
  });
});
