// Memory changed live on a guest that takes part: the demo guest's kernel loads virtio_balloon,
// so a smaller balloon target is reached while it runs, and the edit reports it applied now (not
// pending). Read back from the live and the persistent XML.
import { bootableGuestXml, guestImage } from '@virtdeck/test-kit/guest-image';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentAnswers, BOOT_DEADLINE_MS, waitFor } from './guest-waits.js';
import { ADMIN_PASSWORD, startTestBff, type SessionCookie, type TestBff } from './harness.js';

const kib = (xml: string, el: string) => Number(new RegExp(`<${el} unit='KiB'>(\\d+)</${el}>`).exec(xml)?.[1]);

describe('memory of a running guest with a balloon driver', () => {
  const name = uniqueName('balloon');
  let dir = '';
  let bff: TestBff;
  let operator: SessionCookie;
  let uuid = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-balloon-'));
    const file = path.join(dir, 'guest.xml');
    writeFileSync(file, bootableGuestXml({ name, memoryMiB: 192, image: guestImage() }));
    virsh('define', file);
    uuid = virsh('domuuid', name).trim();
    virsh('start', name);
    bff = await startTestBff();
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'balloon-op', password: 'operator-password-1', role: 'operator' });
    operator = await bff.signIn('balloon-op', 'operator-password-1');
    await waitFor('the guest agent', () => (agentAnswers(name) ? true : undefined));
  }, BOOT_DEADLINE_MS + 30_000);

  afterAll(async () => {
    virshQuietly('destroy', name);
    virshQuietly('undefine', name);
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('shrinks the memory live: the guest reaches the new target, nothing pending', async () => {
    const result = await bff.client(operator).domain.edit.resources.mutate({ hostId: bff.hostId, uuid, vcpus: 1, maxVcpus: 1, memoryMiB: 128, maxMemoryMiB: 192 });
    expect(result).toEqual({ changed: [{ field: 'memoryMiB', appliedTo: 'live-and-config' }], pending: [], liveRefusal: null });
    const live = virsh('dumpxml', name);
    expect(kib(live, 'currentMemory')).toBe(128 * 1024);
    expect(kib(live, 'memory')).toBe(192 * 1024);
    expect(kib(virsh('dumpxml', name, '--inactive'), 'currentMemory')).toBe(128 * 1024);
    const settings = await bff.client(operator).domain.edit.settings.query({ hostId: bff.hostId, uuid });
    expect(settings).toMatchObject({ running: true, pending: [], live: { memoryKiB: 128 * 1024 } });
  });
});
