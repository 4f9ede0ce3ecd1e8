// Live progress of a domain's block jobs, sampled (virDomainGetBlockJobInfo per disk) only while a
// client watches, and ending once no job remains. Block-job events wake the sampler at once and
// say how a job ended (completed / failed / canceled), which the job info alone cannot tell.
import type { BlockJobTypeName, Libvirt } from '@virtdeck/libvirt-client';
import { parseDomainXml } from '@virtdeck/libvirt-xml';
import type { LiveEvent } from '../live/live-events.js';
import type { EventLog } from '../live/event-log.js';

export interface BlockJobProgress {
  disk: string;
  type: BlockJobTypeName;
  /** Progress in bytes: `cur` of `end`. */
  cur: number;
  end: number;
  /** 0 when unlimited. */
  bandwidthMiBps: number;
  /** A copy or active commit that mirrors the disk and waits for a pivot or a cancel. */
  ready: boolean;
}

export interface BlockJobEnd {
  disk: string;
  type: string | null;
  status: 'completed' | 'failed' | 'canceled';
}

export interface BlockJobSample {
  jobs: BlockJobProgress[];
  /** Jobs that ended since the previous sample, as libvirt's events said. */
  ended: BlockJobEnd[];
}

// libvirt reports cur == end for a mirroring job only once it is ready (it holds cur one below
// end until then), so this also tells a job that became ready before anyone watched.
const mirrors = (type: BlockJobTypeName) => type === 'copy' || type === 'active_commit';

// How long to wait for the end event of a job that vanished from the job info: the event may
// reach us a moment after libvirt dropped the job.
const END_EVENT_GRACE_MS = 3000;

interface Watch {
  lv: Libvirt;
  events: EventLog<LiveEvent>;
  hostId: string;
  uuid: string;
  intervalMs: number;
  signal: AbortSignal | undefined;
}

export async function* watchBlockJobs({ lv, events, hostId, uuid, intervalMs, signal }: Watch): AsyncGenerator<BlockJobSample> {
  const disks = parseDomainXml(await lv.domains.getXml(uuid))
    .disks.filter((d) => d.chain.layers.length > 0)
    .map((d) => d.targetDev);
  const ended: BlockJobEnd[] = [];
  const readyByEvent = new Set<string>();
  let wake: (() => void) | null = null;
  const off = events.listen(({ event }) => {
    if (event.kind !== 'block-job' || event.hostId !== hostId || event.domain.uuid !== uuid) return;
    if (event.status === 'ready') readyByEvent.add(event.disk);
    else if (event.status === 'completed' || event.status === 'failed' || event.status === 'canceled') {
      readyByEvent.delete(event.disk);
      ended.push({ disk: event.disk, type: event.type, status: event.status });
    }
    wake?.();
  });
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => (clearTimeout(t), signal?.removeEventListener('abort', done), (wake = null), resolve());
      const t = setTimeout(done, ms);
      wake = done;
      signal?.addEventListener('abort', done, { once: true });
    });
  try {
    let running = new Set<string>();
    while (!signal?.aborted) {
      const infos = await Promise.all(disks.map(async (disk) => ({ disk, info: await lv.blockJobs.info(uuid, disk) })));
      const jobs = infos.flatMap(({ disk, info }) =>
        info ? [{ disk, type: info.type, cur: info.cur, end: info.end, bandwidthMiBps: info.bandwidth, ready: readyByEvent.has(disk) || (mirrors(info.type) && info.end > 0 && info.cur === info.end) }] : [],
      );
      const vanished = [...running].filter((d) => !jobs.some((j) => j.disk === d) && !ended.some((e) => e.disk === d));
      if (jobs.length === 0 && vanished.length > 0) {
        const deadline = Date.now() + END_EVENT_GRACE_MS;
        while (!signal?.aborted && Date.now() < deadline && vanished.some((d) => !ended.some((e) => e.disk === d))) await sleep(deadline - Date.now());
      }
      running = new Set(jobs.map((j) => j.disk));
      yield { jobs, ended: ended.splice(0) };
      if (jobs.length === 0) return;
      await sleep(intervalMs);
    }
  } finally {
    off();
  }
}
