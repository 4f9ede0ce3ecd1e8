// Types of the edit screens, inferred from the BFF's router so they follow its changes.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@virtdeck/bff';

type Out = inferRouterOutputs<AppRouter>;

export type DomainSettingsView = Out['domain']['edit']['settings'];
export type DomainSettings = DomainSettingsView['config'];
export type BootConfig = DomainSettings['boot'];
export type BootEntry = BootConfig['order'][number];
