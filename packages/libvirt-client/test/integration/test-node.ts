// A test-driver node file of our own. Only `test:///default` is one instance shared by every
// client of the daemon; a node file gives each connection a private instance, so nothing
// another test defines there shows up, and nothing is left behind but the file (removed here).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { daemon } from './daemon.js';

export interface TestNode {
  /** The node file, for `daemon.testUnixUri(file)` / `daemon.testTcpUri(file)`. */
  readonly file: string;
  /** The one guest it holds, uniquely named. */
  readonly domain: string;
  remove(): Promise<void>;
}

/** A node file with one running test-driver guest of a unique name. */
export async function makeTestNode(prefix: string): Promise<TestNode> {
  const dir = await mkdtemp(path.join(tmpdir(), `vdtest-${prefix}-node-`));
  const domain = daemon.uniqueName(`${prefix}-node`);
  const file = path.join(dir, 'node.xml');
  await writeFile(
    file,
    `<node><domain type='test'><name>${domain}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain></node>`,
  );
  return { file, domain, remove: () => rm(dir, { recursive: true, force: true }) };
}
