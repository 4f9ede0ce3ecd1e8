// The time ranges a metrics graph offers, in a file that builds no schema: the graphs' range
// picker needs only these names, and importing them from metrics.ts would bring zod into the
// host page, which parses nothing.
export const metricRanges = ['1h', '24h', '7d', '30d'] as const;
export type MetricRange = (typeof metricRanges)[number];
