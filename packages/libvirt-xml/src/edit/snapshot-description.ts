// A snapshot's description changed in its own XML, for redefining it (virDomainSnapshotCreateXML
// with REDEFINE): libvirt keeps everything else as the XML says, so only <description> changes.
import { BuildError } from '../errors.js';
import { text } from '../build/validate.js';
import { element, parseEditable, removeChildren, writeEditable } from './element-tree.js';

/** The snapshot XML with `description` (an empty one removes it), right after `<name>`. */
export function setSnapshotDescription(xml: string, description: string): string {
  if (typeof description !== 'string') throw new BuildError('description', 'must be a string');
  const value = text(description, 'description', { optional: true, maxLength: 10_000 });
  const root = parseEditable(xml, 'domainsnapshot');
  removeChildren(root, 'description');
  if (value !== undefined) {
    const node = { ...element('description'), text: value };
    const at = root.children.findIndex((c) => c.name === 'name');
    root.children.splice(at + 1, 0, node);
  }
  return writeEditable(root);
}
