// Every use of an API token is audited, coalesced so a Prometheus scrape every 15 s does not write
// 5,760 rows a day. Uses are grouped by (token, client address, outcome) in windows of
// `windowMs` (15 min by default):
//   - the first use of a window is written at once, so a token showing up from a new address, or
//     a revoked token still being tried, is in the log the moment it happens;
//   - later uses in the window are only counted (by what they called), and the count is written
//     as one summary row when the window ends (a timer, or the BFF stopping).
// A steady scraper thus costs at most two rows per 15 minutes. Changes made with a token are not
// coalesced: each mutation writes its own row as usual (trpc.ts, `audited`).
// The counts live in this process: each BFF replica writes its own rows.
import { writeAudit } from '../audit/audit-log.js';
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import type { ApiTokenView } from '@virtdeck/contract/api-token';

export interface TokenUse {
  token: Pick<ApiTokenView, 'id' | 'name'>;
  owner: { id: string; username: string };
  ip: string;
  /** What it called: `GET /metrics`, or the tRPC procedures of the request. */
  what: string;
  result: 'ok' | 'error';
  /** Why it was refused (result 'error'). */
  refusal?: string;
}

interface Window {
  use: TokenUse;
  openedAt: number;
  /** Uses after the first, by what they called. */
  later: Map<string, number>;
}

const WHAT_MAX = 200;

export class TokenUseAudit {
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    readonly windowMs = 15 * 60_000,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Records one use; resolves once any row it writes is written. */
  async record(use: TokenUse): Promise<void> {
    const key = `${use.token.id}\n${use.ip}\n${use.result}\n${use.refusal ?? ''}`;
    const now = this.clock();
    const open = this.windows.get(key);
    if (open && now - open.openedAt < this.windowMs) {
      const what = use.what.slice(0, WHAT_MAX);
      open.later.set(what, (open.later.get(what) ?? 0) + 1);
      return;
    }
    if (open) await this.writeSummary(open, now);
    this.windows.set(key, { use, openedAt: now, later: new Map() });
    this.startTimer();
    await this.write(use, `${use.refusal ? `refused (${use.refusal}): ` : ''}${use.what.slice(0, WHAT_MAX)} from ${use.ip}`);
  }

  /** Writes the summaries of the windows that have ended (all of them with `all`). */
  async flush(all = false): Promise<void> {
    const now = this.clock();
    for (const [key, w] of this.windows) {
      if (!all && now - w.openedAt < this.windowMs) continue;
      this.windows.delete(key);
      await this.writeSummary(w, now);
    }
    if (this.windows.size === 0) this.stopTimer();
  }

  async close(): Promise<void> {
    this.stopTimer();
    await this.pending.catch(() => {});
    await this.flush(true);
  }

  private async writeSummary(w: Window, now: number): Promise<void> {
    let n = 0;
    for (const c of w.later.values()) n += c;
    if (n === 0) return;
    const calls = [...w.later].sort((a, b) => b[1] - a[1]).map(([what, c]) => `${what} ×${c}`);
    const minutes = Math.max(1, Math.round((Math.min(now, w.openedAt + this.windowMs) - w.openedAt) / 60_000));
    await this.write(w.use, `${n} more ${n === 1 ? 'use' : 'uses'} from ${w.use.ip} in the ${minutes} min after: ${calls.join(', ')}`.slice(0, 1000));
  }

  private async write(use: TokenUse, detail: string): Promise<void> {
    await writeAudit(
      this.db,
      {
        userId: use.owner.id,
        username: use.owner.username,
        objectType: 'api-token',
        objectName: use.token.name,
        action: 'use',
        result: use.result,
        detail: `token ${use.token.id}: ${detail}`,
      },
      this.clock,
    );
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.pending = this.flush().catch(() => {});
    }, Math.max(1_000, this.windowMs / 3));
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
