import type { CharDevice } from '../model/domain.js';
import { attr, child, optionalInt } from './dom.js';
import type { XmlElement } from './xml.js';

/** A `<serial>` or `<console>`. */
export function readCharDevice(element: XmlElement, path: string): CharDevice {
  const type = element.attrs.type ?? 'pty';
  const sourcePath = attr(child(element, 'source'), 'path');
  const tty = element.attrs.tty ?? (type === 'pty' ? sourcePath : undefined);
  const targetElement = child(element, 'target');
  const targetType = attr(targetElement, 'type');
  const port = optionalInt(attr(targetElement, 'port'), `${path}/target`, 'Target port');
  const alias = attr(child(element, 'alias'), 'name');
  return {
    type,
    ...(tty ? { tty } : {}),
    ...(sourcePath ? { path: sourcePath } : {}),
    target: { ...(targetType ? { type: targetType } : {}), ...(port !== undefined ? { port } : {}) },
    ...(alias ? { alias } : {}),
  };
}
