'use client';
// A fresh console websocket URL: the BFF issues a single-use ticket (30 s at most) bound to this
// user, host and domain; the URL is on this page's own origin (the web server forwards /console).
import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '~/lib/trpc';

export type ConsoleKind = 'vnc' | 'spice' | 'serial';

export function useConsoleUrl(hostId: string, uuid: string, kind: ConsoleKind) {
  const trpc = useTRPC();
  const open = useMutation(trpc.console.open.mutationOptions());
  const { mutateAsync } = open;
  const fetchUrl = useCallback(async () => {
    const { path } = await mutateAsync({ hostId, uuid, kind });
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${window.location.host}${path}`;
  }, [mutateAsync, hostId, uuid, kind]);
  // 'ssh' when the bytes come through the libvirt host's ssh server (a console on its loopback).
  return { fetchUrl, error: open.error, via: open.data?.via ?? null };
}

/** What the BFF's close codes (console/pipe.ts) mean, for the person looking at the console. */
export function closeReason(code: number, reason: string): string {
  switch (code) {
    case 4000:
      return reason || 'the console server closed the connection';
    case 4001:
      return 'closed after being idle for too long';
    case 4002:
      return 'the domain stopped';
    case 4003:
      return 'your session ended: sign in again';
    case 4004:
      return 'the connection stopped answering';
    default:
      return reason || 'disconnected';
  }
}
