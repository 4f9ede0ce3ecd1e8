/**
 * A mutable copy of a parsed document, and its writer, for the edit helpers: read with
 * {@link parseXml}, change elements in place, write back. Text of leaf elements is kept exactly;
 * whitespace between child elements is replaced by two-space indentation (libvirt re-formats
 * every definition it stores, so layout is not worth keeping). Comments are dropped (libvirt
 * drops them too).
 */
import { escapeXml } from '../escape.js';
import { parseXml, type XmlElement } from '../parse/xml.js';

export interface EditableElement {
  name: string;
  attrs: Record<string, string>;
  children: EditableElement[];
  text: string;
}

/** Parses `xml` (root `expectedRoot`) into an editable tree. Iterative: deep chains are fine. */
export function parseEditable(xml: string, expectedRoot: string): EditableElement {
  const source = parseXml(xml, expectedRoot);
  const copy = (e: XmlElement): EditableElement => ({ name: e.name, attrs: { ...e.attrs }, children: [], text: e.text });
  const root = copy(source);
  const stack: [XmlElement, EditableElement][] = [[source, root]];
  while (stack.length > 0) {
    const [from, to] = stack.pop() as [XmlElement, EditableElement];
    for (const c of from.children) {
      const made = copy(c);
      to.children.push(made);
      stack.push([c, made]);
    }
  }
  return root;
}

/** Writes the tree as indented XML. */
export function writeEditable(root: EditableElement): string {
  const lines: string[] = [];
  const stack: { item: EditableElement | string; depth: number }[] = [{ item: root, depth: 0 }];
  while (stack.length > 0) {
    const { item, depth } = stack.pop() as (typeof stack)[number];
    const indent = '  '.repeat(depth);
    if (typeof item === 'string') {
      lines.push(`${indent}${item}`);
      continue;
    }
    const attrs = Object.entries(item.attrs)
      .map(([key, value]) => ` ${key}='${escapeXml(value)}'`)
      .join('');
    if (item.children.length === 0) {
      lines.push(item.text === '' ? `${indent}<${item.name}${attrs}/>` : `${indent}<${item.name}${attrs}>${escapeXml(item.text)}</${item.name}>`);
      continue;
    }
    lines.push(`${indent}<${item.name}${attrs}>`);
    stack.push({ item: `</${item.name}>`, depth });
    for (let i = item.children.length - 1; i >= 0; i--) stack.push({ item: item.children[i] as EditableElement, depth: depth + 1 });
  }
  return `${lines.join('\n')}\n`;
}

export const childOf = (e: EditableElement, name: string): EditableElement | undefined => e.children.find((c) => c.name === name);

export const childrenOf = (e: EditableElement, name: string): EditableElement[] => e.children.filter((c) => c.name === name);

export function removeChildren(e: EditableElement, name: string): void {
  e.children = e.children.filter((c) => c.name !== name);
}

export const element = (name: string, attrs: Record<string, string> = {}): EditableElement => ({ name, attrs, children: [], text: '' });
