// The console pipe's bytes, end to end through the real gateway: every byte of a 24 MiB flood
// arrives, in order, while the browser side stalls (backpressure) and the source's read buffers
// are reused. The flood comes from a TCP server of the test's own; the guest that points at it is
// a libvirt test-driver domain in the real libvirtd, so the target is still read from its XML.
import { rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libvirtSocket, stateDir, uniqueName } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, ORIGIN, startTestBff, type TestBff } from './harness.js';

const TOTAL = 24 * 2 ** 20;
const UUID = '6a1c0d6e-5b1e-4c3a-9f00-00000000c0de';
/** Byte i of the flood: position-dependent, so a reused or reordered buffer shows. */
const byteAt = (i: number) => (i * 31 + (i >>> 16)) & 0xff;

describe('console pipe integrity', () => {
  let bff: TestBff;
  let source: net.Server;
  // In the folder the BFF reads test-driver node files from (VIRTDECK_TEST_NODE_DIR).
  const node = path.join(stateDir, `${uniqueName('pipe')}.xml`);

  beforeAll(async () => {
    source = net.createServer((sock) => {
      let sent = 0;
      const pump = () => {
        while (sent < TOTAL) {
          const n = Math.min(100_003, TOTAL - sent); // odd sizes: reads never line up with writes
          const chunk = Buffer.allocUnsafe(n);
          for (let j = 0; j < n; j++) chunk[j] = byteAt(sent + j);
          sent += n;
          if (!sock.write(chunk)) return void sock.once('drain', pump);
        }
      };
      pump();
      sock.on('error', () => {});
    });
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
    writeFileSync(
      node,
      `<node><domain type='test'><name>flood</name><uuid>${UUID}</uuid><memory unit='MiB'>64</memory><vcpu>1</vcpu>
        <os><type arch='x86_64'>hvm</type></os>
        <devices><graphics type='vnc' port='${(source.address() as net.AddressInfo).port}' autoport='no' listen='127.0.0.1'/></devices></domain></node>`,
    );
    bff = await startTestBff();
  });

  afterAll(async () => {
    await bff?.close();
    source?.close();
    rmSync(node, { force: true });
  });

  it('delivers every byte in order while the browser side stalls and resumes', async () => {
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    const { id: hostId } = await bff.client(admin).host.add.mutate({ name: 'flood', uri: `test+unix://${node}?socket=${libvirtSocket()}` });
    const { path: wsPath } = await bff.client(admin).console.open.mutate({ hostId, uuid: UUID, kind: 'vnc' });
    const ws = new WebSocket(`${bff.url.replace('http', 'ws')}${wsPath}`, ['binary'], { headers: { origin: ORIGIN, cookie: admin.cookie } });
    let got = 0;
    let bad = -1;
    let stalls = 0;
    await new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('message', (d: Buffer) => {
        for (let j = 0; j < d.length && bad < 0; j++) if (d[j] !== byteAt(got + j)) bad = got + j;
        got += d.length;
        // Stall now and then: the gateway's buffer fills past its high-water mark and pauses the source.
        if (got > (stalls + 1) * 4 * 2 ** 20 && stalls < 4) {
          stalls++;
          ws.pause();
          setTimeout(() => ws.resume(), 300);
        }
        if (got >= TOTAL || bad >= 0) resolve();
      });
    });
    ws.close();
    expect(bad).toBe(-1);
    expect(got).toBe(TOTAL);
    expect(stalls).toBe(4);
    await bff.client(admin).host.remove.mutate({ hostId });
  });
});
