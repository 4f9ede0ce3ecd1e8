// The two figures per path: downstream throughput (a framebuffer flood from the source) and the
// round trip of a small message echoed by the source (a keystroke and its answer).
import { ECHO_REQUEST, streamRequest } from './source.js';
import type { BytePipe } from './paths.js';

/** MiB/s to receive `bytes` from the source, timed from the request to the last byte. */
export function throughput(pipe: BytePipe, bytes: number): Promise<number> {
  return new Promise((resolve) => {
    let got = 0;
    const t0 = performance.now();
    pipe.onBytes((d) => {
      got += d.length;
      if (got >= bytes) resolve(bytes / 2 ** 20 / ((performance.now() - t0) / 1e3));
    });
    pipe.send(streamRequest(bytes));
  });
}

/** Round-trip times (µs) of `n` echoed 64-byte messages, one at a time. */
export function roundTrips(pipe: BytePipe, n: number): Promise<number[]> {
  const msg = Buffer.alloc(64, 0x61);
  const times: number[] = [];
  return new Promise((resolve) => {
    let got = 0;
    let t0 = 0;
    const next = (): void => {
      if (times.length === n) return resolve(times);
      got = 0;
      t0 = performance.now();
      pipe.send(msg);
    };
    pipe.onBytes((d) => {
      got += d.length;
      if (got >= msg.length) {
        times.push((performance.now() - t0) * 1e3);
        next();
      }
    });
    pipe.send(ECHO_REQUEST);
    next();
  });
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const percentile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
