/**
 * Small readers over {@link XmlElement}. `path` arguments only label errors
 * (`domain/devices/disk[2]`), so a refusal says where the problem is.
 */
import { XmlError } from '../errors.js';
import type { XmlElement } from './xml.js';

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((candidate) => candidate.name === name);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((candidate) => candidate.name === name);
}

export function hasChild(element: XmlElement, name: string): boolean {
  return child(element, name) !== undefined;
}

export function attr(element: XmlElement | undefined, name: string): string | undefined {
  return element?.attrs[name];
}

/** Trimmed text of the first child called `name`; undefined when the child is absent. */
export function childText(element: XmlElement, name: string): string | undefined {
  const found = child(element, name);
  return found === undefined ? undefined : found.text.trim();
}

export function requireChild(element: XmlElement, name: string, path: string): XmlElement {
  const found = child(element, name);
  if (found === undefined) throw new XmlError('missing', `Missing required element <${name}>`, { path });
  return found;
}

export function requireAttr(element: XmlElement, name: string, path: string): string {
  const value = element.attrs[name];
  if (value === undefined || value === '') {
    throw new XmlError('missing', `Missing required attribute '${name}' on <${element.name}>`, { path });
  }
  return value;
}

export function requireChildText(element: XmlElement, name: string, path: string): string {
  const value = childText(element, name);
  if (value === undefined || value === '') {
    throw new XmlError('missing', `Missing required element <${name}>`, { path });
  }
  return value;
}

/** A non-negative or negative decimal integer that fits a double exactly; anything else is an error. */
export function toInt(value: string, path: string, what: string): number {
  const trimmed = value.trim();
  if (!/^-?\d+$/.test(trimmed)) {
    throw new XmlError('invalid-value', `${what} is not an integer: "${value}"`, { path });
  }
  const parsed = Number(trimmed);
  if (!Number.isSafeInteger(parsed)) {
    throw new XmlError('invalid-value', `${what} is out of range: "${value}"`, { path });
  }
  return parsed;
}

export function optionalInt(value: string | undefined, path: string, what: string): number | undefined {
  return value === undefined || value.trim() === '' ? undefined : toInt(value, path, what);
}

/** libvirt's yes/no and on/off attributes. Absent or unrecognised → undefined. */
export function yesNo(value: string | undefined): boolean | undefined {
  if (value === 'yes' || value === 'on') return true;
  if (value === 'no' || value === 'off') return false;
  return undefined;
}

/** `name[n]` path segment, 1-based like XPath. */
export function indexed(path: string, name: string, position: number): string {
  return `${path}/${name}[${position + 1}]`;
}
