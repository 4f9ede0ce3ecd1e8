// The NICs tab's data, inferred from the BFF's router (domain.nics.list).
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@virtdeck/bff';

export type NicList = inferRouterOutputs<AppRouter>['domain']['nics']['list'];
export type NicPairView = NicList['nics'][number];
