import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCapabilitiesXml, XmlError } from '../src/index.js';

const fixture = (f: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', f), 'utf8');

describe('parseCapabilitiesXml', () => {
  it('summarises what libvirt 9.0 printed for this machine: host CPU, guest arches, machines', () => {
    const caps = parseCapabilitiesXml(fixture('libvirt9-capabilities.xml'));
    expect(caps.host.arch).toBe('x86_64');
    const x86 = caps.guests.find((g) => g.arch === 'x86_64');
    expect(x86?.osType).toBe('hvm');
    expect(x86?.domainTypes).toContain('qemu');
    expect(x86?.machines).toContain('pc');
    expect(new Set(x86?.machines).size).toBe(x86?.machines.length);
  });

  it('refuses what is not a capabilities document', () => {
    expect(() => parseCapabilitiesXml('<domain/>')).toThrow(XmlError);
  });
});
