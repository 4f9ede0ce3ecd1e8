// Runs the C reference (libvirt.so) for one measurement. Each run is its own process with its
// own connection, opened and warmed up before the timed part, like the TypeScript side.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Measure } from './report.js';

const run = promisify(execFile);

interface RefResult {
  ns: number;
  cpuNs: number;
  domains?: number;
  xmlBytes?: number;
}

async function ref(bin: string, args: string[]): Promise<RefResult> {
  try {
    const { stdout } = await run(bin, args, { timeout: 300_000 });
    return JSON.parse(stdout.trim()) as RefResult;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`C reference ${args.slice(1).join(' ')} failed: ${err.stderr?.trim() || err.message}`, { cause: e });
  }
}

/** µs per call of N sequential virConnectGetLibVersion. */
export async function cLatency(bin: string, uri: string, n: number): Promise<Measure> {
  const r = await ref(bin, [uri, 'latency', String(n)]);
  return { value: r.ns / 1e3 / n, cpuUs: r.cpuNs / 1e3 / n };
}

/** calls/s of N virConnectGetLibVersion over K threads sharing one connection. */
export async function cThroughput(bin: string, uri: string, k: number, n: number): Promise<Measure> {
  const r = await ref(bin, [uri, 'throughput', String(k), String(n)]);
  return { value: n / (r.ns / 1e9), cpuUs: r.cpuNs / 1e3 / n };
}

/** ms to list every domain and fetch each one's XML, in 1 (sequential) or K threads. */
export async function cList(bin: string, uri: string, threads: number): Promise<Measure & { domains: number; xmlBytes: number }> {
  const r = await ref(bin, [uri, 'list', String(threads)]);
  const domains = r.domains ?? 0;
  return { value: r.ns / 1e6, cpuUs: r.cpuNs / 1e3 / Math.max(1, domains + 1), domains, xmlBytes: r.xmlBytes ?? 0 };
}
