// Server memory with the 1,000-VM list open: the RSS of every process Virtdeck runs server-side,
// summed, read from /proc once the list has loaded in Chromium. Found by the ports they listen on:
// one process now (the BFF, which serves the web's static export on the web port too), counted once.
// Goal under 150 MiB; Cockpit Machines (cockpit-ws, its bridge and libvirt-dbus) measured 97 MiB
// on this machine (issue 17), printed as the reference.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { libvirtSocket } from '../tests/daemon';
import { mutate, signIn } from '../tests/session';
import { serverProcesses } from './server-processes';

const node = path.resolve(import.meta.dirname, '../../.state/test-node-1000.xml');
// The ports playwright.config.ts starts the servers on.
const BFF_PORT = Number(process.env.VIRTDECK_E2E_BFF_PORT ?? 4100);
const WEB_PORT = Number(process.env.VIRTDECK_E2E_WEB_PORT ?? 3100);
const GOAL_MIB = 150;
const COCKPIT_MIB = 97;

test('server RSS with the 1,000-VM list loaded', async ({ page }) => {
  expect(existsSync(node)).toBe(true);
  await page.goto('/');
  await signIn(page);
  const { id: hostId } = await mutate<{ id: string }>(page, 'host.add', { name: `bench-rss-${Date.now()}`, uri: `test+unix://${node}?socket=${libvirtSocket()}` });
  try {
    await page.goto('/vms');
    await expect(page.getByText(/1,00\d VMs/)).toBeVisible({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');

    const processes = serverProcesses({ BFF: BFF_PORT, web: WEB_PORT });
    const total = processes.reduce((sum, p) => sum + p.rssMiB, 0);
    console.log('\nServer memory (e2e/bench/server-rss.bench.ts)');
    for (const p of processes) console.log(`  ${`${p.name} (pid ${p.pid})`.padEnd(44)} ${`${p.rssMiB.toFixed(0)} MiB`.padStart(12)}`);
    const line = (what: string, goal: string, ratio: number, met: boolean) =>
      console.log(`  ${what.padEnd(44)} ${`${total.toFixed(0)} MiB`.padStart(12)}   ${goal.padEnd(18)} ${ratio.toFixed(2)}x ${met ? 'met' : 'NOT met'}`);
    line('server RSS, 1,000-VM list loaded (sum)', `goal < ${GOAL_MIB} MiB`, GOAL_MIB / total, total < GOAL_MIB);
    line('  vs Cockpit Machines (stretch goal)', `ref ${COCKPIT_MIB} MiB`, COCKPIT_MIB / total, total < COCKPIT_MIB);
  } finally {
    await mutate(page, 'host.remove', { hostId });
  }
});
