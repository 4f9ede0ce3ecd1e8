import { escapeXml } from '../escape.js';
import type { XmlElement } from './xml.js';

/** Writes an element back as compact XML (used for `<metadata>` children). Iterative. */
export function serializeElement(root: XmlElement): string {
  const out: string[] = [];
  const stack: (XmlElement | string)[] = [root];
  while (stack.length > 0) {
    const item = stack.pop() as XmlElement | string;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const attrs = Object.entries(item.attrs)
      .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
      .join('');
    const text = item.text.trim();
    if (item.children.length === 0 && text === '') {
      out.push(`<${item.name}${attrs}/>`);
      continue;
    }
    out.push(`<${item.name}${attrs}>${escapeXml(text)}`);
    stack.push(`</${item.name}>`);
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i] as XmlElement);
  }
  return out.join('');
}
