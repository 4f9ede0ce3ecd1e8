'use client';
// Uploads with XMLHttpRequest, the one browser API that reports upload progress.
import { useCallback, useRef, useState } from 'react';
import { csrfHeaders } from '~/lib/csrf';
import { transferUrl } from './transfer-url';

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'sending'; sent: number; total: number }
  | { phase: 'done'; total: number }
  | { phase: 'error'; message: string };

export function useUpload() {
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  const start = useCallback((hostId: string, pool: string, volume: string, file: File) => {
    return new Promise<boolean>((resolve) => {
      const xhr = new XMLHttpRequest();
      xhrRef.current = xhr;
      xhr.open('PUT', transferUrl('upload', hostId, pool, volume));
      for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      setState({ phase: 'sending', sent: 0, total: file.size });
      xhr.upload.onprogress = (e) => setState({ phase: 'sending', sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
      xhr.onload = () => {
        xhrRef.current = null;
        if (xhr.status >= 200 && xhr.status < 300) {
          setState({ phase: 'done', total: file.size });
          resolve(true);
          return;
        }
        let message = `upload failed (HTTP ${xhr.status})`;
        try {
          const body = JSON.parse(xhr.responseText) as { error?: { message?: string } };
          if (body.error?.message) message = body.error.message;
        } catch {
          // Not JSON: keep the status.
        }
        setState({ phase: 'error', message });
        resolve(false);
      };
      xhr.onerror = () => {
        xhrRef.current = null;
        setState({ phase: 'error', message: 'the connection failed during the upload' });
        resolve(false);
      };
      xhr.onabort = () => {
        xhrRef.current = null;
        setState({ phase: 'error', message: 'upload cancelled' });
        resolve(false);
      };
      xhr.send(file);
    });
  }, []);

  const cancel = useCallback(() => xhrRef.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, cancel, reset };
}
