// How much one client may ask of the BFF at once: request sizes and deadlines, batch sizes, and
// what a websocket may hold open. One place for the numbers; tests start servers with smaller ones.

export interface ServerLimits {
  /** Largest tRPC request body (JSON inputs are small; volume uploads stream on their own route). */
  maxBodyBytes: number;
  /** Calls in one batched HTTP request or one websocket message. */
  maxBatchSize: number;
  /** A request's headers must arrive within this. */
  headersTimeoutMs: number;
  /** A tRPC request's body must arrive within this (uploads have their own idle timeout). */
  bodyTimeoutMs: number;
  /** Largest websocket message from a browser (/trpc and /console). */
  wsMaxPayloadBytes: number;
  /** Subscriptions one /trpc websocket may run at once. */
  maxSubscriptionsPerSocket: number;
  /** Above this many unsent bytes a socket's subscriptions wait for it to drain. */
  socketHighWaterBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 1 << 20,
  maxBatchSize: 50,
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 30_000,
  wsMaxPayloadBytes: 1 << 20,
  maxSubscriptionsPerSocket: 32,
  socketHighWaterBytes: 1 << 20,
};
