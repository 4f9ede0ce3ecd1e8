/**
 * A tiny XML writer for the builders: nodes in, indented text out, every attribute value and
 * text escaped. Attributes use single quotes like libvirt's own output.
 */
import { BuildError } from '../errors.js';
import { escapeXml, isXmlSafe } from '../escape.js';

export type AttrValue = string | number | undefined;

export interface XmlNode {
  name: string;
  attrs: Record<string, AttrValue>;
  children: XmlNode[];
  text?: string;
}

type Child = XmlNode | undefined | false;

/** `<name attrs>children</name>`; undefined attributes and falsy children are dropped. */
export function el(name: string, attrs: Record<string, AttrValue> = {}, ...children: Child[]): XmlNode {
  return { name, attrs, children: children.filter((c): c is XmlNode => c !== undefined && c !== false) };
}

/** `<name attrs>text</name>`. */
export function textEl(name: string, text: string | number, attrs: Record<string, AttrValue> = {}): XmlNode {
  return { name, attrs, children: [], text: String(text) };
}

export function renderXml(root: XmlNode): string {
  const lines: string[] = [];
  const stack: { node: XmlNode | string; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as (typeof stack)[number];
    const indent = '  '.repeat(depth);
    if (typeof node === 'string') {
      lines.push(`${indent}${node}`);
      continue;
    }
    const attrs = Object.entries(node.attrs)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([key, value]) => ` ${key}='${safe(String(value), `${node.name}@${key}`)}'`)
      .join('');
    if (node.text !== undefined) {
      lines.push(`${indent}<${node.name}${attrs}>${safe(node.text, node.name)}</${node.name}>`);
    } else if (node.children.length === 0) {
      lines.push(`${indent}<${node.name}${attrs}/>`);
    } else {
      lines.push(`${indent}<${node.name}${attrs}>`);
      stack.push({ node: `</${node.name}>`, depth });
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as XmlNode, depth: depth + 1 });
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Last line of defence: the spec validators name the input field before this is reached. */
function safe(value: string, where: string): string {
  if (!isXmlSafe(value)) throw new BuildError(where, 'contains characters XML cannot carry');
  return escapeXml(value);
}
