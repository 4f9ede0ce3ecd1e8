// Keeps this replica's in-memory state in step with what other replicas change in the shared
// database: the host registry (each replica holds its own connection to every host, so a host
// added or removed anywhere is connected or dropped here), and open websockets of users whose
// access changed or whose session ended (closed here as on the replica that made the change).
import type { SessionSockets } from '../auth/session-sockets.js';
import type { Db } from '../db/database.js';
import { listHosts } from '../db/hosts.js';
import type { HostManager } from '../hosts/host-manager.js';
import { parseNotice, type Notifier } from './notifier.js';

/** Connects hosts the registry has and this replica lacks; drops those it no longer has. */
export async function syncHostRegistry(db: Db, hosts: HostManager): Promise<void> {
  const wanted = await listHosts(db);
  const ids = new Set(wanted.map((h) => h.id));
  for (const h of wanted) hosts.add(h);
  await Promise.all(hosts.targets().filter((t) => !ids.has(t.id)).map((t) => hosts.remove(t.id)));
}

/** Runs `task` now, or once more after the run in progress: bursts of notices cost one run each. */
function coalesced(task: () => Promise<void>, onError: (err: unknown) => void): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) return void (again = true);
    running = true;
    task()
      .catch(onError)
      .finally(() => {
        running = false;
        if (!again) return;
        again = false;
        run();
      });
  };
  return run;
}

export function followSharedState(opts: { db: Db; hosts: HostManager; sessionSockets: SessionSockets; notifier: Notifier; log: (line: string) => void }): () => void {
  const { db, hosts, sessionSockets, notifier, log } = opts;
  const resyncHosts = coalesced(
    () => syncHostRegistry(db, hosts),
    (err) => log(`[bff] could not reload the host registry: ${err instanceof Error ? err.message : String(err)}`),
  );
  const recheck = (match: Parameters<SessionSockets['recheck']>[0]) => void sessionSockets.recheck(match).catch(() => {});
  const offs = [
    notifier.subscribe('hosts', resyncHosts),
    notifier.subscribe('users', (payload) => {
      const n = parseNotice(payload);
      recheck(n?.id ? { userId: n.id } : {});
    }),
    notifier.subscribe('sessions', (payload) => {
      const n = parseNotice(payload);
      recheck(n?.id ? { sessionId: n.id } : {});
    }),
    // Notices sent while the database was away are lost: read everything again.
    notifier.onResume(() => {
      resyncHosts();
      recheck({});
    }),
  ];
  return () => offs.forEach((off) => off());
}
