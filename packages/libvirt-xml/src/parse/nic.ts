import type { Nic, NicSource } from '../model/domain.js';
import { attr, child, requireAttr } from './dom.js';
import type { XmlElement } from './xml.js';

/** One `<interface>` of `<devices>`. */
export function readNic(element: XmlElement, path: string): Nic {
  const type = requireAttr(element, 'type', path);
  const sourceElement = child(element, 'source');
  const source: NicSource = {};
  for (const key of ['network', 'bridge', 'dev', 'mode', 'portgroup'] as const) {
    const value = attr(sourceElement, key);
    if (value) source[key] = value;
  }
  const mac = attr(child(element, 'mac'), 'address');
  const model = attr(child(element, 'model'), 'type');
  const targetDev = attr(child(element, 'target'), 'dev');
  const alias = attr(child(element, 'alias'), 'name');
  return {
    type,
    ...(mac ? { mac } : {}),
    ...(model ? { model } : {}),
    source,
    ...(targetDev ? { targetDev } : {}),
    ...(alias ? { alias } : {}),
    linkUp: attr(child(element, 'link'), 'state') !== 'down',
  };
}
