// Whether this replica can reach its database now. PostgreSQL's loss is seen by the notifier's
// listening connection (it drops at once when the server goes) and by any query that fails to
// connect; its return by the notifier reconnecting. While down, changes are refused with a
// DatabaseUnavailableError instead of half-happening (a VM started, its audit row nowhere).

type Listener = (up: boolean) => void;

/** The database cannot be reached: nothing is changed, try again once it is back. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(options?: { cause: unknown }) {
    super('The database (PostgreSQL) cannot be reached: changes are refused until it is back; nothing was changed', options);
  }
}

// Connection-level failures: refused or dropped sockets, and PostgreSQL's own shutdown and
// "cannot connect now" codes (class 08 and 57P0x). A constraint or syntax error is not one.
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENOENT']);

export function isDatabaseUnreachable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (NET_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) return true;
  const message = err instanceof Error ? err.message : '';
  // pg's own words for a socket that closed under a query or a pool that could not connect.
  if (/Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)) return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isDatabaseUnreachable(cause);
}

export class DatabaseHealth {
  private up = true;
  private readonly listeners = new Set<Listener>();

  get isUp(): boolean {
    return this.up;
  }

  /** Throws DatabaseUnavailableError while the database is away. */
  assertUp(): void {
    if (!this.up) throw new DatabaseUnavailableError();
  }

  set(up: boolean): void {
    if (this.up === up) return;
    this.up = up;
    for (const l of this.listeners) l(up);
  }

  /** Calls `listener` at each change (true: back); returns the unsubscribe function. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the database is reachable again (at once when it is). */
  whenUp(): Promise<void> {
    if (this.up) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.onChange((up) => {
        if (!up) return;
        off();
        resolve();
      });
    });
  }
}
