// The TypeScript side of each figure, through the public facade, on one connection per run
// (opened and warmed up before the timed part, like the C reference).
import { Libvirt } from '../src/index.js';
import { remoteProcedures } from '../src/gen/index.js';
import type { Measure } from './report.js';

const WARMUP_CALLS = 200;

async function withConnection<T>(uri: string, fn: (lv: Libvirt) => Promise<T>): Promise<T> {
  const lv = await Libvirt.connect(uri);
  try {
    for (let i = 0; i < WARMUP_CALLS; i++) await lv.call(remoteProcedures.connectGetLibVersion, undefined);
    return await fn(lv);
  } finally {
    await lv.close();
  }
}

/** Wall time (ms) and process CPU time (µs) of `fn`. */
async function timed(fn: () => Promise<void>): Promise<{ ms: number; cpuUs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuUs: c.user + c.system };
}

/** µs per call of N sequential connectGetLibVersion. */
export function tsLatency(uri: string, n: number): Promise<Measure> {
  return withConnection(uri, async (lv) => {
    const t = await timed(async () => {
      for (let i = 0; i < n; i++) await lv.call(remoteProcedures.connectGetLibVersion, undefined);
    });
    return { value: (t.ms * 1e3) / n, cpuUs: t.cpuUs / n };
  });
}

/** calls/s of N connectGetLibVersion with K calls in flight on one connection. */
export function tsThroughput(uri: string, k: number, n: number): Promise<Measure> {
  return withConnection(uri, async (lv) => {
    let left = n;
    const worker = async (): Promise<void> => {
      while (left > 0) {
        left--;
        await lv.call(remoteProcedures.connectGetLibVersion, undefined);
      }
    };
    const t = await timed(async () => void (await Promise.all(Array.from({ length: k }, worker))));
    return { value: n / (t.ms / 1e3), cpuUs: t.cpuUs / n };
  });
}

/** ms to list every domain and fetch each one's XML, every XML call in flight at once. */
export function tsList(uri: string): Promise<Measure & { domains: number; xmlBytes: number }> {
  return withConnection(uri, async (lv) => {
    let xmls: { xml: string }[] = [];
    const t = await timed(async () => {
      const { domains } = await lv.call(remoteProcedures.connectListAllDomains, { need_results: 1, flags: 0 });
      xmls = await Promise.all(domains.map((dom) => lv.call(remoteProcedures.domainGetXmlDesc, { dom, flags: 0 })));
    });
    let xmlBytes = 0;
    for (const { xml } of xmls) xmlBytes += Buffer.byteLength(xml);
    return { value: t.ms, cpuUs: t.cpuUs / (xmls.length + 1), domains: xmls.length, xmlBytes };
  });
}
