// The BFF's settings, read once from the environment and validated: a wrong value stops the
// start with a message naming the variable, rather than failing later mid-request.
import { z } from 'zod';

const schema = z.object({
  VIRTDECK_BFF_HOST: z.string().default('127.0.0.1'),
  VIRTDECK_BFF_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  /** The libvirt host the dashboard manages first (a host registry comes with the hosts router). */
  VIRTDECK_LIBVIRT_URI: z.string().min(1).default('qemu:///system'),
  /** Origins allowed to open websockets (the web app's own). */
  VIRTDECK_WEB_ORIGIN: z.string().default('http://127.0.0.1:3000'),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid BFF configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
