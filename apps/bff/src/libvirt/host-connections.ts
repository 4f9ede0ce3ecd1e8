// Long-lived libvirt connections, one per host URI, opened on first use and shared by every
// request. A connection that dropped is opened again on the next use.
import { Libvirt } from '@virtdeck/libvirt-client';

export class HostConnections {
  private readonly open = new Map<string, Promise<Libvirt>>();

  constructor(readonly defaultUri: string) {}

  get(uri: string = this.defaultUri): Promise<Libvirt> {
    let conn = this.open.get(uri);
    if (!conn) {
      conn = Libvirt.connect(uri, { keepalive: { interval: 5, count: 5 } });
      this.open.set(uri, conn);
      // Forget failed or closed connections so the next call tries again.
      conn.then(
        (c) => void c.closed.finally(() => this.open.get(uri) === conn && this.open.delete(uri)),
        () => this.open.get(uri) === conn && this.open.delete(uri),
      );
    }
    return conn;
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.allSettled(all.map(async (c) => (await c).close()));
  }
}
