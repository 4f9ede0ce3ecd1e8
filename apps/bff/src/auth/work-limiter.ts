// Bounds CPU-heavy work that anyone can trigger (argon2 password checks on sign-in): at most
// `concurrency` run at once, at most `maxWaiting` wait their turn, and beyond that a caller is
// turned away at once with WorkBusyError instead of queueing without end. Each argon2 check takes
// 19 MiB and tens of milliseconds of a core; a flood of guesses must not starve the server.

export class WorkBusyError extends Error {
  override readonly name = 'WorkBusyError';
  constructor() {
    super('the server is busy: try again in a moment');
  }
}

export class WorkLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most jobs ever seen running at once (for tests and metrics). */
  peakActive = 0;

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  /** Runs `job` when a slot is free; throws WorkBusyError when too many already wait. */
  run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency && this.waiting.length >= this.maxWaiting) return Promise.reject(new WorkBusyError());
    return this.runQueued(job);
  }

  /** Runs `job` when a slot is free, however many wait (for signed-in admins' own actions). */
  async runQueued<T>(job: () => Promise<T>): Promise<T> {
    // A finishing job hands its slot straight to the next in line, so `active` never overshoots.
    if (this.active < this.concurrency) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.peakActive = Math.max(this.peakActive, this.active);
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
