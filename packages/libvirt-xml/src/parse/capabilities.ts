import { attr, child, childText, childrenNamed, requireChild } from './dom.js';
import { parseXml } from './xml.js';

/** What a host can run, from `virConnectGetCapabilities`: enough for a summary and a create form. */
export interface CapabilitiesSummary {
  host: { arch: string | null; cpuModel: string | null; cpuVendor: string | null; securityModels: string[] };
  /** One entry per guest architecture: the OS type, hypervisor domain types and machine types. */
  guests: { osType: string; arch: string; domainTypes: string[]; machines: string[] }[];
}

export function parseCapabilitiesXml(xml: string): CapabilitiesSummary {
  const root = parseXml(xml, 'capabilities');
  const host = requireChild(root, 'host', 'capabilities');
  const cpu = child(host, 'cpu');
  return {
    host: {
      arch: (cpu && childText(cpu, 'arch')) ?? null,
      cpuModel: (cpu && childText(cpu, 'model')) ?? null,
      cpuVendor: (cpu && childText(cpu, 'vendor')) ?? null,
      securityModels: childrenNamed(host, 'secmodel').map((s) => childText(s, 'model') ?? '').filter(Boolean),
    },
    guests: childrenNamed(root, 'guest').map((g) => {
      const arch = child(g, 'arch');
      const machines = arch ? childrenNamed(arch, 'machine').map((m) => m.text.trim()).filter(Boolean) : [];
      return {
        osType: childText(g, 'os_type') ?? 'hvm',
        arch: attr(arch, 'name') ?? 'unknown',
        domainTypes: arch ? childrenNamed(arch, 'domain').map((d) => attr(d, 'type') ?? '').filter(Boolean) : [],
        machines: [...new Set(machines)].sort(),
      };
    }),
  };
}
