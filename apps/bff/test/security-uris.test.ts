// Host URIs leak no local files (issue 13, item 8): the test driver opens node files only from
// VIRTDECK_TEST_NODE_DIR, keyfile=, known_hosts= and pkipath= name files only in
// VIRTDECK_HOST_KEY_DIR, a failed connection is summarised instead of echoing what the daemon
// read, and only admins see a host's URI.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libvirtSocket, stateDir, testUri, uniqueName } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';

const SECRET = 'vdtest-secret-first-line-do-not-echo';

describe('host URIs and what they may read', () => {
  let bff: TestBff;
  let admin: SessionCookie;
  let viewer: SessionCookie;
  let outside = '';
  // A node file in the allowed folder that is not XML: its first line must never come back.
  const badNode = path.join(stateDir, `${uniqueName('badnode')}.xml`);
  const sock = () => libvirtSocket();

  beforeAll(async () => {
    outside = mkdtempSync(path.join(tmpdir(), 'vdtest-uris-'));
    writeFileSync(path.join(outside, 'node.xml'), `${SECRET}\n<node/>\n`);
    writeFileSync(badNode, `${SECRET}\nnot xml at all\n`);
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'viewer1', password: 'viewer-password-1', role: 'viewer' });
    viewer = await bff.signIn('viewer1', 'viewer-password-1');
  });

  afterAll(async () => {
    rmSync(badNode, { force: true });
    rmSync(outside, { recursive: true, force: true });
    await bff?.close();
  });

  const refusedUri = async (uri: string) => {
    const tested = await failureOf(bff.client(admin).host.test.mutate({ uri }));
    const added = await failureOf(bff.client(admin).host.add.mutate({ name: uniqueName('h'), uri }));
    for (const f of [tested, added]) {
      expect(f.code).toBe('BAD_REQUEST');
      expect(f.message).not.toContain('root:');
      expect(f.message).not.toContain(SECRET);
    }
    return tested.message;
  };

  it('refuses test-driver node files outside VIRTDECK_TEST_NODE_DIR, before the daemon reads them', async () => {
    expect(await refusedUri(`test+unix:///etc/passwd?socket=${sock()}`)).toContain('VIRTDECK_TEST_NODE_DIR');
    expect(await refusedUri(testUri(path.join(outside, 'node.xml')))).toContain(stateDir);
    expect(await refusedUri(testUri(`${stateDir}/../../../etc/passwd.xml`))).toContain('VIRTDECK_TEST_NODE_DIR');
    // A link inside the folder to a file outside it counts where it points.
    const link = path.join(stateDir, `${uniqueName('link')}.xml`);
    symlinkSync(path.join(outside, 'node.xml'), link);
    try {
      await refusedUri(testUri(link));
    } finally {
      rmSync(link, { force: true });
    }
    // The registry holds none of them.
    const hosts = await bff.client(admin).host.list.query();
    expect(hosts.map((h) => h.uri).filter((u) => u?.startsWith('test+'))).toEqual([]);
  });

  it('refuses key, known_hosts and PKI files outside VIRTDECK_HOST_KEY_DIR, and name=', async () => {
    for (const q of ['keyfile=/etc/shadow', 'known_hosts=/etc/passwd', `keyfile=${bff.keyDir}/../../x`]) {
      expect(await refusedUri(`qemu+ssh://root@127.0.0.1:1/system?${q}`)).toContain('VIRTDECK_HOST_KEY_DIR');
    }
    expect(await refusedUri('qemu+tls://127.0.0.1:1/system?pkipath=/etc/ssl/private')).toContain('VIRTDECK_HOST_KEY_DIR');
    expect(await refusedUri(`qemu+unix:///system?socket=${sock()}&name=test:///etc/passwd`)).toContain('name=');
  });

  it('summarises a failed connection instead of quoting what the daemon read', async () => {
    const uri = testUri(badNode);
    const tested = await failureOf(bff.client(admin).host.test.mutate({ uri }));
    expect(tested.message).toMatch(/^the daemon refused the connection/);
    expect(tested.message).not.toContain(SECRET);

    const host = await bff.client(admin).host.add.mutate({ name: uniqueName('bad'), uri });
    try {
      const deadline = Date.now() + 20_000;
      let state: { status: string; error: string | null } | null = null;
      while (Date.now() < deadline) {
        state = (await bff.client(admin).host.list.query()).find((h) => h.id === host.id)?.state ?? null;
        if (state?.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(state?.status).toBe('failed');
      expect(state?.error).toMatch(/^the daemon refused the connection/);
      expect(state?.error).not.toContain(SECRET);
      const overview = (await bff.client(admin).host.overview.query()).find((h) => h.id === host.id);
      expect(JSON.stringify(overview)).not.toContain(SECRET);
    } finally {
      await bff.client(admin).host.remove.mutate({ hostId: host.id });
    }
  });

  it('shows viewers host names and states, and admins the URIs', async () => {
    const asViewer = await bff.client(viewer).host.list.query();
    expect(asViewer.length).toBeGreaterThan(0);
    for (const h of asViewer) {
      expect(h.uri).toBeNull();
      expect(h.name).toBeTruthy();
      expect(h.state?.status).toBeTruthy();
    }
    for (const h of await bff.client(viewer).host.overview.query()) expect(h.uri).toBeNull();
    const asAdmin = await bff.client(admin).host.list.query();
    expect(asAdmin.find((h) => h.id === bff.hostId)?.uri).toContain('qemu+unix://');
  });
});
