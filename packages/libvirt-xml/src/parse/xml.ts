/**
 * The one place fast-xml-parser is configured. Everything else reads the small {@link XmlElement}
 * tree this module returns, so no parser reads fast-xml-parser's output shapes directly.
 *
 * Choices:
 * - `preserveOrder: true`: every element's children come back as a list, so repeatable elements
 *   (`<disk>`, `<host>`, `<boot>`...) are always arrays without a per-name `isArray` table.
 * - Attributes kept, values never coerced (`parseTagValue`/`parseAttributeValue` off): `'0x00'`
 *   or `'007'` stay strings; the parsers convert what they need.
 * - No entity expansion: a `<!DOCTYPE>` is refused outright, fast-xml-parser's entity handling is
 *   off, and {@link decodeEntities} decodes only the five predefined entities and numeric
 *   character references; any other `&name;` is an error.
 * - `maxNestedTags` is set explicitly to {@link MAX_XML_DEPTH} (library default: 100). A domain
 *   with a 64-layer backing chain nests about 70 deep (domain/devices/disk/backingStore x64/source).
 * - The document is validated first (`XMLValidator`), because the parser itself is lenient;
 *   validation errors carry line and column into {@link XmlError}.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { XmlError } from '../errors.js';

/** Deepest element nesting accepted. Allows backing chains of several hundred layers. */
export const MAX_XML_DEPTH = 1024;

/**
 * Longest document accepted, in UTF-16 code units. Real domain XML is a few KiB to a few hundred
 * KiB; the cap only keeps a hostile or corrupt input from tying up the BFF.
 */
export const MAX_XML_LENGTH = 16 * 1024 * 1024;

/** A parsed element: name as written (with any prefix), attributes, child elements in order, text. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated text and CDATA directly inside this element, entities decoded, not trimmed. */
  readonly text: string;
}

const ATTRS = ':@';
const TEXT = '#text';
const CDATA = '#cdata';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA,
  commentPropName: false,
  allowBooleanAttributes: false,
  maxNestedTags: MAX_XML_DEPTH,
});

/** fast-xml-parser's ordered node: `{ [tag]: children, ':@'?: attrs }`, `{ '#text': s }` or `{ '#cdata': [...] }`. */
type OrderedNode = Record<string, unknown>;

/**
 * Parses `xml` into an element tree. With `expectedRoot`, the root element must have that name.
 * Throws {@link XmlError} for anything that is not one well-formed element.
 */
export function parseXml(xml: string, expectedRoot?: string): XmlElement {
  if (typeof xml !== 'string') {
    throw new XmlError('malformed', `Expected an XML string, got ${xml === null ? 'null' : typeof xml}`);
  }
  if (xml.length > MAX_XML_LENGTH) {
    throw new XmlError('too-large', `The XML document is ${xml.length} characters long; the limit is ${MAX_XML_LENGTH}`);
  }
  if (xml.trim() === '') {
    throw new XmlError('malformed', 'The XML document is empty');
  }
  if (/<!DOCTYPE/i.test(xml)) {
    throw new XmlError('doctype', 'A <!DOCTYPE> declaration is not accepted (libvirt never sends one; it could declare entities)');
  }

  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new XmlError('malformed', `Malformed XML: ${msg}`, { line, column: col });
  }

  let nodes: unknown;
  try {
    nodes = parser.parse(xml);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/nested tags/i.test(message)) {
      throw new XmlError('too-deep', `XML nesting is deeper than ${MAX_XML_DEPTH} elements`, { cause });
    }
    throw new XmlError('malformed', `Malformed XML: ${message}`, { cause });
  }

  const roots = elementNodes(nodes);
  if (roots.length !== 1) {
    throw new XmlError('malformed', `Expected exactly one root element, found ${roots.length}`);
  }
  const root = convert(roots[0] as OrderedNode);
  if (expectedRoot !== undefined && root.name !== expectedRoot) {
    throw new XmlError('unexpected-root', `Expected a <${expectedRoot}> document, got <${root.name}>`);
  }
  return root;
}

function elementNodes(nodes: unknown): OrderedNode[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.filter((node): node is OrderedNode => isObject(node) && tagOf(node) !== undefined);
}

function isObject(value: unknown): value is OrderedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ATTRS && key !== TEXT && key !== CDATA);
}

interface MutableElement {
  name: string;
  attrs: Record<string, string>;
  children: MutableElement[];
  text: string;
}

/** Converts iteratively (explicit stack), so deep backing chains never hit the JS call-stack limit. */
function convert(rootNode: OrderedNode): XmlElement {
  const rootTag = tagOf(rootNode) as string;
  const root = newElement(rootTag, rootNode);
  const stack: { node: OrderedNode; tag: string; element: MutableElement }[] = [{ node: rootNode, tag: rootTag, element: root }];
  while (stack.length > 0) {
    const { node, tag, element } = stack.pop() as (typeof stack)[number];
    const content = node[tag];
    if (!Array.isArray(content)) continue;
    for (const child of content) {
      if (!isObject(child)) continue;
      if (TEXT in child) {
        element.text += decodeEntities(String(child[TEXT]));
        continue;
      }
      if (CDATA in child) {
        element.text += cdataText(child[CDATA]);
        continue;
      }
      const childTag = tagOf(child);
      if (childTag === undefined) continue;
      const childElement = newElement(childTag, child);
      element.children.push(childElement);
      stack.push({ node: child, tag: childTag, element: childElement });
    }
  }
  return root;
}

function newElement(name: string, node: OrderedNode): MutableElement {
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  const raw = node[ATTRS];
  if (isObject(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      attrs[key] = decodeEntities(String(value));
    }
  }
  return { name, attrs, children: [], text: '' };
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value.map((part) => (isObject(part) && TEXT in part ? String(part[TEXT]) : '')).join('');
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Decodes XML's predefined entities and character references; refuses anything else. */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) {
      throw new XmlError('malformed', `Malformed XML: unescaped '&' in "${truncate(raw)}"`);
    }
    const named = PREDEFINED[body];
    if (named !== undefined) return named;
    const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
    if (numeric) {
      const codePoint = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2] as string, 10);
      if (codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff)) {
        return String.fromCodePoint(codePoint);
      }
      throw new XmlError('malformed', `Malformed XML: invalid character reference ${match}`);
    }
    throw new XmlError('malformed', `Malformed XML: undeclared entity ${match} (only &lt; &gt; &amp; &apos; &quot; and &#...; are accepted)`);
  });
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
