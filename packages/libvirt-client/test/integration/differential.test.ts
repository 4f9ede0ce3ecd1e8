// Differential tests: this client and libvirt's own C library (python3-libvirt, run as a
// subprocess by test/differential/oracle.ts) are asked the same questions on the same daemon,
// and every value must be equal, refusals included (code, domain, level, message, str1-str3,
// int1-int2). On test-driver node files written here (every state, unusual names, deep snapshot
// and backing chains, 1,000 domains) and on the qemu driver (objects of our own only).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Libvirt } from '../../src/index.js';
import { compare } from '../differential/compare.js';
import { completeNode, manyDomainsNode, type NodeFile } from '../differential/nodes.js';
import { askOracle, oracleMissing } from '../differential/oracle.js';
import { survey, type SurveyRequest } from '../differential/survey.js';
import { daemon } from './daemon.js';

const missing = oracleMissing();

async function expectSameAnswers(req: SurveyRequest, minLeaves: number): Promise<void> {
  const [ts, c] = await Promise.all([survey(req), askOracle(req)]);
  const result = compare(ts, c);
  const paths = result.differences.map((d) => `${d.path}: ts ${JSON.stringify(d.ts).slice(0, 200)} c ${JSON.stringify(d.c).slice(0, 200)}`);
  expect(paths, `${result.differenceCount} of ${result.leaves} values differ`).toEqual([]);
  expect(result.leaves).toBeGreaterThanOrEqual(minLeaves);
}

describe.skipIf(missing !== null)(`differential against libvirt's C library${missing ? ` (skipped: ${missing})` : ''}`, () => {
  describe('test driver: every state, unusual names, deep chains', () => {
    let node: NodeFile;
    beforeAll(async () => {
      node = await completeNode(daemon.uniqueName('diff'));
    });
    afterAll(() => node?.remove());

    it('answers every question alike, refusals included', async () => {
      await expectSameAnswers({ uri: daemon.testUnixUri(node.file), prefix: '', depth: 'full', errors: true }, 700);
    });

    it('gives a CPU time between two of the C library’s reads', async () => {
      const uri = daemon.testUnixUri(node.file);
      const names = node.domains.slice(0, 3);
      const before = (await askOracle({ uri, cpuTimes: true, names })) as Record<string, string>;
      const lv = await Libvirt.connect(uri);
      const ours = await Promise.all(names.map((n) => lv.domains.getInfo(n).then((i) => i.cpuTimeNs)));
      await lv.close();
      const after = (await askOracle({ uri, cpuTimes: true, names })) as Record<string, string>;
      names.forEach((n, i) => {
        expect(ours[i]).toBeGreaterThanOrEqual(BigInt(before[n] ?? 'NaN'));
        expect(ours[i]).toBeLessThanOrEqual(BigInt(after[n] ?? 'NaN'));
      });
    });
  });

  describe('test driver: 1,000 domains', () => {
    let node: NodeFile;
    beforeAll(async () => {
      node = await manyDomainsNode(daemon.uniqueName('diff1k'), 1000);
    });
    afterAll(() => node?.remove());

    it('lists and describes all of them alike', async () => {
      await expectSameAnswers({ uri: daemon.testUnixUri(node.file), prefix: '', depth: 'light', errors: false }, 1000 * 10);
    });
  });

  describe('qemu driver', () => {
    const prefix = daemon.uniqueName('diffq');
    let lv: Libvirt;
    let dir: string;
    beforeAll(async () => {
      lv = await Libvirt.connect(daemon.qemuUnixUri());
      dir = await mkdtemp(path.join(tmpdir(), 'vdtest-diffq-'));
      await lv.domains.define(
        `<domain type='qemu'><name>${prefix}-dom ü</name><title>ü 🙂</title><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>`,
      );
      await lv.networks.define(`<network><name>${prefix}-net</name><bridge name='vdq${process.pid % 10000}'/></network>`);
      await lv.pools.define(`<pool type='dir'><name>${prefix}-pool</name><target><path>${dir}</path></target></pool>`);
      await lv.pools.start(`${prefix}-pool`);
      await lv.volumes.create(`${prefix}-pool`, `<volume><name>base.qcow2</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/></target></volume>`);
      await lv.volumes.create(
        `${prefix}-pool`,
        `<volume><name>top.qcow2</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/></target><backingStore><path>${dir}/base.qcow2</path><format type='qcow2'/></backingStore></volume>`,
      );
    });
    afterAll(async () => {
      if (lv) {
        await lv.domains.undefine(`${prefix}-dom ü`).catch(() => undefined);
        await lv.networks.undefine(`${prefix}-net`).catch(() => undefined);
        for (const v of ['top.qcow2', 'base.qcow2']) await lv.volumes.delete({ pool: `${prefix}-pool`, name: v }).catch(() => undefined);
        await lv.pools.destroy(`${prefix}-pool`).catch(() => undefined);
        await lv.pools.undefine(`${prefix}-pool`).catch(() => undefined);
        await lv.close();
      }
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('answers every question alike about objects of our own, refusals included', async () => {
      await expectSameAnswers({ uri: daemon.qemuUnixUri(), prefix, depth: 'full', errors: true }, 100);
    });
  });
});
