'use client';
// Downloads with fetch and a stream reader, so the page can show progress against Content-Length,
// then hands the bytes to the browser as a file.
import { useCallback, useRef, useState } from 'react';

export type DownloadState =
  | { phase: 'idle' }
  | { phase: 'receiving'; received: number; total: number | null }
  | { phase: 'done'; total: number }
  | { phase: 'error'; message: string };

export function useDownload() {
  const [state, setState] = useState<DownloadState>({ phase: 'idle' });
  const abortRef = useRef<AbortController | null>(null);

  const start = useCallback(async (url: string, filename: string) => {
    const ac = new AbortController();
    abortRef.current = ac;
    setState({ phase: 'receiving', received: 0, total: null });
    try {
      const res = await fetch(url, { signal: ac.signal, credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `download failed (HTTP ${res.status})`);
      }
      const length = Number(res.headers.get('content-length'));
      const total = Number.isFinite(length) && length >= 0 ? length : null;
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      if (res.body) {
        const reader = res.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.length;
          setState({ phase: 'receiving', received, total });
        }
      }
      const blob = new Blob(chunks, { type: 'application/octet-stream' });
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      setState({ phase: 'done', total: received });
    } catch (e) {
      setState({ phase: 'error', message: ac.signal.aborted ? 'download cancelled' : e instanceof Error ? e.message : String(e) });
    } finally {
      abortRef.current = null;
    }
  }, []);

  const cancel = useCallback(() => abortRef.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, cancel, reset };
}
