// Test-driver node files for the differential tests, written by the test: every domain state,
// transient and persistent domains, unusual names (non-ASCII, XML-special, long), a deep snapshot
// chain with a branch, a deep volume backing chain, pools and networks; or many domains.
// Each connection to a node file gets a private instance of it: UUIDs are written in the file, so
// both clients see the same objects.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface NodeFile {
  file: string;
  /** Every object's name starts with it. */
  prefix: string;
  domains: string[];
  remove(): Promise<void>;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** test:runstate values (virDomainState): running, paused, shutoff, crashed, pmsuspended. */
const STATES = [1, 3, 5, 6, 7] as const;

function domainXml(name: string, i: number, extra = ''): string {
  const state = STATES[i % STATES.length];
  const transient = i % 7 === 3 && state !== 5 ? '<test:transient/>' : '';
  return (
    `<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>${esc(name)}</name><uuid>${randomUUID()}</uuid>` +
    `<title>${esc(name)} title</title><description>déscription ${i}</description>` +
    `<memory unit='KiB'>${65536 + i * 1024}</memory><currentMemory unit='KiB'>${65536 + i * 512}</currentMemory><vcpu>${1 + (i % 4)}</vcpu>` +
    `<os><type arch='x86_64'>hvm</type></os><test:runstate>${state}</test:runstate>${transient}${extra}</domain>`
  );
}

/** A chain s0 ← s1 ← … ← s(depth-1), and a branch of two off s(depth/2); the last of the chain is current. */
function snapshotChain(depth: number): string {
  const snap = (name: string, parent: string | null, t: number, current: boolean): string =>
    `<test:domainsnapshot><name>${name}</name><description>snapshot ${esc(name)} ✓</description><state>shutoff</state>` +
    `<creationTime>${1_700_000_000 + t}</creationTime>${parent ? `<parent><name>${parent}</name></parent>` : ''}<active>${current ? 1 : 0}</active></test:domainsnapshot>`;
  const out: string[] = [];
  for (let i = 0; i < depth; i++) out.push(snap(`s${i}`, i === 0 ? null : `s${i - 1}`, i, i === depth - 1));
  const fork = `s${Math.floor(depth / 2)}`;
  out.push(snap('branch-a', fork, depth, false), snap('branch-b ünï', 'branch-a', depth + 1, false));
  return out.join('');
}

function volumeChain(pool: string, depth: number): string {
  const out: string[] = [];
  for (let i = 0; i < depth; i++) {
    const backing = i === 0 ? '' : `<backingStore><path>/vdtest/${esc(pool)}/layer-${i - 1}.qcow2</path><format type='qcow2'/></backingStore>`;
    out.push(`<volume><name>layer-${i}.qcow2</name><capacity unit='MiB'>${64 + i}</capacity><target><format type='qcow2'/></target>${backing}</volume>`);
  }
  return out.join('');
}

async function write(prefix: string, body: string, domains: string[]): Promise<NodeFile> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vdtest-differential-'));
  const file = path.join(dir, 'node.xml');
  await writeFile(file, `<node>${body}</node>`);
  return { file, prefix, domains, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Every state, unusual names, deep snapshot and backing chains, pools and networks. */
export function completeNode(prefix: string, snapshotDepth = 40, backingDepth = 12): Promise<NodeFile> {
  const names = [
    `${prefix}-plain`,
    `${prefix}-dø ünïcødé 日本語 🙂`,
    `${prefix}-xml <&> 'single' "double"`,
    `${prefix}-${'long'.repeat(40)}`,
    `${prefix}-Ελληνικά-кириллица`,
    `${prefix}-dots.and_under-score`,
    `${prefix}-chain`,
  ];
  const domains = names.map((n, i) => domainXml(n, i, n.endsWith('-chain') ? snapshotChain(snapshotDepth) : ''));
  const pool = `${prefix}-pool ü`;
  const pools =
    `<pool type='dir'><name>${esc(pool)}</name><uuid>${randomUUID()}</uuid><target><path>/vdtest/${esc(pool)}</path></target>${volumeChain(pool, backingDepth)}</pool>` +
    `<pool type='dir'><name>${esc(prefix)}-empty</name><uuid>${randomUUID()}</uuid><target><path>/vdtest/empty</path></target></pool>`;
  const networks =
    `<network><name>${esc(prefix)}-net 🙂</name><uuid>${randomUUID()}</uuid><bridge name='vdtbr1'/><ip address='192.168.213.1' netmask='255.255.255.0'><dhcp><range start='192.168.213.2' end='192.168.213.254'/></dhcp></ip></network>` +
    `<network><name>${esc(prefix)}-isolated</name><uuid>${randomUUID()}</uuid><bridge name='vdtbr2'/></network>`;
  return write(prefix, domains.join('') + pools + networks, names);
}

/** `count` domains in every state, some with unusual names. */
export function manyDomainsNode(prefix: string, count: number): Promise<NodeFile> {
  const names = Array.from({ length: count }, (_, i) => (i % 10 === 9 ? `${prefix}-${i}-ünï 🙂 <&>` : `${prefix}-${String(i).padStart(4, '0')}`));
  return write(prefix, names.map((n, i) => domainXml(n, i)).join(''), names);
}
