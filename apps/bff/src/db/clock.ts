// Time as the stores see it: epoch milliseconds from an injectable clock, so tests can move it.
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
