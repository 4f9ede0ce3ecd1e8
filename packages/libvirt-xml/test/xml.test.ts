import { describe, expect, it } from 'vitest';
import { XmlError, parseDomainXml, parsePoolXml, parseVolumeXml } from '../src/index.js';
import { MAX_XML_DEPTH, MAX_XML_LENGTH, parseXml } from '../src/parse/xml.js';

function thrown(fn: () => unknown): XmlError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(XmlError);
    return error as XmlError;
  }
  throw new Error('expected an XmlError');
}

describe('parseXml', () => {
  it('keeps attributes as strings and decodes the predefined entities and character references', () => {
    const root = parseXml(`<?xml version="1.0"?><!-- hi --><a n='007' t="x &amp; &lt;y&gt; &#60;&#x3E; &quot;&apos;"><b>1</b><b><![CDATA[<raw &amp;>]]></b></a>`);
    expect(root.attrs).toEqual({ n: '007', t: `x & <y> <> "'` });
    expect(root.children.map((c) => c.name)).toEqual(['b', 'b']);
    expect(root.children[1]?.text).toBe('<raw &amp;>');
  });

  it.each([
    ['unclosed tag', '<domain><name>x</domain>', /Expected closing tag 'name'/],
    ['attribute without value', '<domain type/>', /boolean attribute 'type'/],
    ['stray ampersand', '<domain>a & b</domain>', /&/],
    ['empty document', '   ', /empty/],
    ['two roots', '<a/><b/>', /exactly one root/],
    ['text only', 'hello', /Malformed XML/],
  ])('refuses %s with a malformed XmlError', (_label, xml, message) => {
    const error = thrown(() => parseXml(xml));
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(message);
  });

  it('reports line and column of syntax errors', () => {
    const error = thrown(() => parseXml('<domain>\n  <name>x</nam>\n</domain>'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/line 2/);
  });

  it('refuses DOCTYPE so no entity is ever declared or expanded', () => {
    const bomb = `<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><domain>&b;</domain>`;
    expect(thrown(() => parseXml(bomb)).code).toBe('doctype');
  });

  it('refuses undeclared entities instead of passing them through', () => {
    expect(thrown(() => parseXml('<a>&nbsp;</a>')).message).toMatch(/undeclared entity &nbsp;/);
    expect(thrown(() => parseXml('<a x="&#0;"/>')).message).toMatch(/invalid character reference/);
  });

  it('refuses nesting beyond MAX_XML_DEPTH with a too-deep error', () => {
    const depth = MAX_XML_DEPTH + 10;
    const xml = '<e>'.repeat(depth) + '</e>'.repeat(depth);
    expect(thrown(() => parseXml(xml)).code).toBe('too-deep');
  });

  it('refuses documents over MAX_XML_LENGTH before parsing', () => {
    expect(thrown(() => parseXml(`<a>${' '.repeat(MAX_XML_LENGTH)}</a>`)).code).toBe('too-large');
  });

  it('checks the root element name', () => {
    const error = thrown(() => parseDomainXml('<pool type="dir"><name>x</name></pool>'));
    expect(error.code).toBe('unexpected-root');
    expect(error.message).toBe('Expected a <domain> document, got <pool>');
  });

  it('never returns a partial model: missing required parts name the path', () => {
    const noUuid = thrown(() => parseDomainXml(`<domain type='kvm'><name>x</name><memory>1</memory><os/></domain>`));
    expect(noUuid.code).toBe('missing');
    expect(noUuid.message).toMatch(/<uuid>/);
    const badMemory = thrown(() =>
      parseDomainXml(`<domain type='kvm'><name>x</name><uuid>u</uuid><memory unit='KiB'>lots</memory><os/></domain>`),
    );
    expect(badMemory.code).toBe('invalid-value');
    expect(badMemory.path).toBe('domain/memory');
    const badUnit = thrown(() => parsePoolXml(`<pool type='dir'><name>p</name><uuid>u</uuid><capacity unit='furlongs'>1</capacity></pool>`));
    expect(badUnit.message).toMatch(/Unknown size unit "furlongs"/);
    const noTarget = thrown(() => parseDomainXml(`<domain type='kvm'><name>x</name><uuid>u</uuid><memory>1</memory><os/><devices><disk type='file'><source file='/a'/></disk></devices></domain>`));
    expect(noTarget.path).toBe('domain/devices/disk[1]');
    expect(thrown(() => parseVolumeXml('<volume><name>v</name></volume>')).code).toBe('missing');
  });

  it('turns non-string input into an XmlError rather than a crash', () => {
    expect(thrown(() => parseDomainXml(undefined as unknown as string)).code).toBe('malformed');
  });

  it('does not let element or attribute names pollute prototypes', () => {
    expect(() => parseXml('<a __proto__="x"><constructor/></a>')).not.toThrow(TypeError);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
