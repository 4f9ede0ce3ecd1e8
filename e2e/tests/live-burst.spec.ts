// 200 state changes in a burst, made with virsh behind the dashboard's back (one virsh process
// running them back to back): suspends and resumes of four running tiny guests, and domains
// defined and undefined. The open VM list ends with every row in the state libvirt reports, and
// it got there from the events alone: the page asked for no list while the burst ran.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { qemuUri, uniqueName, virsh } from './daemon';
import { signIn } from './session';

const prefix = uniqueName('burst');
const running = [0, 1, 2, 3].map((i) => `${prefix}-run${i}`);
const defined = Array.from({ length: 32 }, (_, i) => `${prefix}-def${i}`);
const UNDEFINED = 10;
let dir = '';

// No disk: qemu starts it (TCG, 32 MiB) and it idles in its firmware.
const domainXml = (name: string) =>
  `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
   <os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>`;

const virshQuiet = (...args: string[]) => {
  try {
    execFileSync('virsh', ['-q', '-c', qemuUri(), ...args], { stdio: 'ignore' });
  } catch {
    /* already gone */
  }
};

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vde2e-burst-'));
  chmodSync(dir, 0o755);
  for (const name of [...running, ...defined]) writeFileSync(path.join(dir, `${name}.xml`), domainXml(name));
  for (const name of running) {
    virsh('define', path.join(dir, `${name}.xml`));
    virsh('start', name);
  }
});

test.afterAll(() => {
  for (const name of [...running, ...defined]) {
    virshQuiet('destroy', name);
    virshQuiet('undefine', name);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('200 changes in a burst: every row ends in its state, from the events alone', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 2400 });
  await signIn(page);
  await page.getByRole('link', { name: 'VMs' }).click();
  await page.getByPlaceholder('Search by name').fill(prefix);
  await expect(page.getByText(/^4( of [\d,]+)? VMs$/)).toBeVisible();

  const listRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/trpc\/[^?]*domain\.list/.test(r.url())) listRequests.push(r.url());
  });

  // The burst: 158 suspends and resumes (guests 1 and 3 end paused), 32 defines, 10 undefines.
  const commands: string[] = [];
  for (let n = 0; n < 40; n++) {
    for (const [i, name] of running.entries()) if (n < 40 - (i % 2)) commands.push(`${n % 2 === 0 ? 'suspend' : 'resume'} ${name}`);
  }
  for (const name of defined) commands.push(`define ${path.join(dir, `${name}.xml`)}`);
  for (const name of defined.slice(0, UNDEFINED)) commands.push(`undefine ${name}`);
  expect(commands).toHaveLength(200);
  execFileSync('virsh', ['-q', '-c', qemuUri(), commands.join(' ; ')], { stdio: 'ignore' });

  // What libvirt says now, and what the page shows.
  const truth = Object.fromEntries(
    virsh('list', '--all', '--name')
      .split('\n')
      .map((n) => n.trim())
      .filter((n) => n.startsWith(`${prefix}-`))
      .map((n) => [n, virsh('domstate', n).trim().replace('shut off', 'shutoff')]),
  );
  expect(Object.keys(truth)).toHaveLength(running.length + defined.length - UNDEFINED);
  expect(Object.values(truth).filter((s) => s === 'paused')).toHaveLength(2);
  const shown = () =>
    page.evaluate(() =>
      Object.fromEntries(
        Array.from(document.querySelectorAll<HTMLElement>('[data-testid="vm-row"]')).map((tr) => [tr.querySelector('a')?.textContent ?? '', tr.dataset.state ?? '']),
      ),
    );
  await expect.poll(shown, { timeout: 30_000 }).toEqual(truth);
  expect(listRequests).toEqual([]);
});
