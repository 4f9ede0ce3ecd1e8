// The name and UUID a domain definition declares: a raw XML edit must keep both, or libvirt
// would define another VM (a new name) or refuse (a new UUID under the same name).
import { childOf, parseEditable } from './element-tree.js';

/** The name and UUID a definition declares (null when it has no `<uuid>`). */
export function readDomainIdentity(xml: string): { name: string | null; uuid: string | null } {
  const root = parseEditable(xml, 'domain');
  const text = (n: string) => childOf(root, n)?.text.trim() || null;
  return { name: text('name'), uuid: text('uuid')?.toLowerCase() ?? null };
}
