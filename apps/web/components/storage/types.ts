import type { RouterOutputs } from '~/lib/api-types';

export type Pool = RouterOutputs['storage']['pool']['list'][number];
export type Volume = RouterOutputs['storage']['volume']['list'][number];
export type Forest = RouterOutputs['storage']['pool']['forest'];
export type ForestNode = Forest['roots'][number];
