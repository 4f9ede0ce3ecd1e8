// Waiting on guests in the BFF tests: conditions polled with a generous deadline (TCG guests on a
// loaded 2-core machine), never a fixed sleep; and one device of a domain's XML, read with virsh.
import { virsh } from '@virtdeck/test-kit/daemon';

/** Generous: TCG on a shared 2-core machine. */
export const BOOT_DEADLINE_MS = 180_000;

/** Polls `probe` until it answers something other than undefined. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = BOOT_DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Whether the guest's agent answers (it starts once the guest's init ran, modules loaded). */
export function agentAnswers(domain: string): boolean {
  try {
    virsh('qemu-agent-command', domain, JSON.stringify({ execute: 'guest-ping' }));
    return true;
  } catch {
    return false;
  }
}

/** One `<element>` of a domain's live (or persistent) XML whose text contains `marker`, or undefined. */
export function deviceXml(domain: string, element: 'disk' | 'interface', marker: string, inactive = false): string | undefined {
  const xml = virsh('dumpxml', domain, ...(inactive ? ['--inactive'] : []));
  return xml
    .split(`<${element} `)
    .slice(1)
    .map((d) => d.slice(0, d.indexOf(`</${element}>`)))
    .find((d) => d.includes(marker));
}
