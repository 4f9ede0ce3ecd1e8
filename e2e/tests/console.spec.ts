// Consoles in the browser against running TCG guests: the VNC framebuffer matches libvirt's own
// screenshot, the serial console shows what SeaBIOS writes and sends keys back, SPICE connects.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';
import { nonBackground, similarity } from './pixels';
import { signIn } from './session';

const vncGuest = uniqueName('vnc');
const serialGuest = uniqueName('serial');
const spiceGuest = uniqueName('spice');
const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-console-'));
const uuids: Record<string, string> = {};

function guest(name: string, extraOs: string, devices: string): string {
  return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
    <os><type arch='x86_64' machine='pc'>hvm</type>${extraOs}</os><devices>${devices}</devices></domain>`;
}

test.beforeAll(() => {
  const defs: [string, string][] = [
    [vncGuest, guest(vncGuest, '', `<graphics type='vnc' autoport='yes' listen='127.0.0.1'/><video><model type='cirrus'/></video>`)],
    [
      serialGuest,
      guest(
        serialGuest,
        `<bootmenu enable='yes' timeout='30000'/><bios useserial='yes'/>`,
        `<serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>`,
      ),
    ],
    [spiceGuest, guest(spiceGuest, '', `<graphics type='spice' autoport='yes' listen='127.0.0.1'/><video><model type='qxl'/></video>`)],
  ];
  for (const [name, xml] of defs) {
    writeFileSync(path.join(dir, `${name}.xml`), xml);
    virsh('define', path.join(dir, `${name}.xml`));
    virsh('start', name, ...(name === serialGuest ? ['--paused'] : []));
    uuids[name] = virsh('domuuid', name).trim();
  }
});

test.afterAll(() => {
  for (const name of [vncGuest, serialGuest, spiceGuest]) {
    try {
      virsh('destroy', name);
    } catch {
      // not running
    }
    virsh('undefine', name);
  }
  rmSync(dir, { recursive: true, force: true });
});

const hostIdOf = async (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch('/trpc/host.list');
    const body = (await res.json()) as { result: { data: { id: string }[] } };
    return body.result.data[0]!.id;
  });

test('the VNC console shows the guest framebuffer, matching libvirt’s own screenshot', async ({ page }) => {
  await signIn(page);
  await page.goto(`/console/${await hostIdOf(page)}/${uuids[vncGuest]}`);
  await expect(page.getByTestId('console-status')).toHaveAttribute('data-status', 'connected');
  const canvas = page.getByTestId('vnc-screen').locator('canvas');
  await expect(canvas).toBeVisible();
  // SeaBIOS settles on "No bootable device": poll until the canvas shows what libvirt's own
  // screenshot shows (both pictures taken anew each round), not for a fixed time.
  const shot = path.join(dir, 'screen.png');
  // Pixels cross from the page as base64 (a JSON array of a million numbers is slow on a loaded machine).
  const compare = async () => {
    const canvasPixels = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let bin = '';
      for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return { width: c.width, height: c.height, b64: btoa(bin) };
    });
    virsh('screenshot', vncGuest, shot);
    // libvirt's screenshot (PNG from this QEMU), decoded by the browser into the same RGBA layout.
    const reference = await page.evaluate(async (png) => {
      // Decoded from bytes, not fetched from a data: URL, which the page's CSP (connect-src) refuses.
      const bytes = Uint8Array.from(atob(png), (ch) => ch.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let bin = '';
      for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return { width: bitmap.width, height: bitmap.height, b64: btoa(bin) };
    }, readFileSync(shot).toString('base64'));
    const rgba = new Uint8Array(Buffer.from(canvasPixels.b64, 'base64'));
    // 0 until both show the same mode, drawn: SeaBIOS switches modes while it starts.
    if (canvasPixels.width !== reference.width || canvasPixels.height !== reference.height || nonBackground(rgba) <= 500) return 0;
    return similarity(new Uint8Array(Buffer.from(reference.b64, 'base64')), rgba);
  };
  await expect.poll(compare, { timeout: 60_000 }).toBeGreaterThan(0.97);
  await page.screenshot({ path: test.info().outputPath('vnc-console.png') });
});

test('the VNC console sends key combinations the browser would keep for itself', async ({ page }) => {
  // What the page sends on the console's websocket: RFB KeyEvent messages are 8 bytes each
  // (type 4, down flag, 2 bytes padding, the keysym).
  const sent: Buffer[] = [];
  page.on('websocket', (ws) => {
    if (ws.url().includes('/console')) ws.on('framesent', (f) => typeof f.payload !== 'string' && sent.push(f.payload));
  });
  await signIn(page);
  await page.goto(`/console/${await hostIdOf(page)}/${uuids[vncGuest]}`);
  await expect(page.getByTestId('console-status')).toHaveAttribute('data-status', 'connected');
  const before = Buffer.concat(sent).length;
  await page.getByLabel('Send a key combination').selectOption('Ctrl+Alt+F2');
  const key = (down: number, keysym: number) => Buffer.from([4, down, 0, 0, (keysym >>> 24) & 0xff, (keysym >>> 16) & 0xff, (keysym >>> 8) & 0xff, keysym & 0xff]);
  // Ctrl, Alt, F2 pressed in order, released in reverse.
  const expected = Buffer.concat([key(1, 0xffe3), key(1, 0xffe9), key(1, 0xffbf), key(0, 0xffbf), key(0, 0xffe9), key(0, 0xffe3)]);
  await expect.poll(() => Buffer.concat(sent).subarray(before).includes(expected)).toBe(true);
});

test('the serial console shows what SeaBIOS writes, and sends keys back', async ({ page }) => {
  await signIn(page);
  await page.goto(`/console/${await hostIdOf(page)}/${uuids[serialGuest]}`);
  await page.getByRole('radio', { name: 'Serial' }).click();
  await expect(page.getByTestId('console-status')).toHaveAttribute('data-status', 'connected');
  // The guest waited paused until the console was open; now it boots and SeaBIOS talks.
  virsh('resume', serialGuest);
  const screen = page.getByTestId('serial-screen');
  await expect(screen).toContainText('Press ESC for boot menu', { timeout: 30_000 });
  await screen.click();
  await page.keyboard.press('Escape');
  await expect(screen).toContainText('Select boot device', { timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath('serial-console.png') });
});

test('the SPICE console connects', async ({ page }) => {
  await signIn(page);
  await page.goto(`/console/${await hostIdOf(page)}/${uuids[spiceGuest]}`);
  await expect(page.getByTestId('console-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect(page.getByTestId('spice-screen').locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('spice-console.png') });
});
