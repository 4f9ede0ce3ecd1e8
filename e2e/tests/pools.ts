// Storage pools the browser tests make for themselves with virsh (never the demo's): a dir pool
// in a temporary folder, optionally holding a backing chain, and its removal with what it holds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName, virsh } from './daemon';

export interface TestPool {
  name: string;
  dir: string;
  remove(): void;
}

/** An active dir pool of the test's own; `chain` lays base.raw ← l1.qcow2 ← top.qcow2 in it. */
export function makeDirPool(prefix: string, opts: { chain?: boolean } = {}): TestPool {
  const name = uniqueName(prefix);
  const dir = mkdtempSync(path.join(tmpdir(), 'vde2e-pool-'));
  if (opts.chain) {
    const img = (f: string) => path.join(dir, f);
    execFileSync('qemu-img', ['create', '-q', '-f', 'raw', img('base.raw'), '16M']);
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', img('base.raw'), img('l1.qcow2')]);
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', img('l1.qcow2'), img('top.qcow2')]);
  }
  virsh('pool-define-as', name, 'dir', '--target', dir);
  virsh('pool-start', name);
  return {
    name,
    dir,
    remove() {
      for (const args of [['pool-destroy', name], ['pool-undefine', name]]) {
        try {
          virsh(...args);
        } catch {
          // already stopped or gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
