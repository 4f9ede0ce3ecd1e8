// A network's definition from the define/edit forms' input: libvirt-xml builds and checks the XML
// (a DHCP range or static host outside its subnet is refused naming the field).
import { buildNetworkXml, type NetworkSpec } from '@virtdeck/libvirt-xml';
import type { NetworkEditInput } from '@virtdeck/contract/network';

/** What a redefine keeps of the old definition: its UUID, and the bridge MAC and DNS domain (not in the form). */
export interface KeptIdentity {
  uuid: string;
  mac?: string | undefined;
  domain?: string | undefined;
}

export function networkXmlOf(input: NetworkEditInput, kept?: KeptIdentity): string {
  const bridged = input.forward === 'bridge';
  const spec: NetworkSpec = {
    name: input.name,
    forward: input.forward,
    ...(kept !== undefined && { uuid: kept.uuid }),
    ...(kept?.mac !== undefined && !bridged && { mac: kept.mac }),
    ...(kept?.domain !== undefined && !bridged && { domain: kept.domain }),
    ...(input.bridge !== undefined && { bridge: input.bridge }),
    ...(input.forwardDev !== undefined && { forwardDev: input.forwardDev }),
    ips: input.ips.map((ip) => ({
      family: ip.family,
      address: ip.address,
      prefix: ip.prefix,
      ...(ip.dhcpRange !== undefined && { dhcpRange: ip.dhcpRange }),
      hosts: ip.hosts.map((h) => ({ ip: h.ip, ...(h.mac !== undefined && { mac: h.mac }), ...(h.name !== undefined && { name: h.name }) })),
    })),
  };
  return buildNetworkXml(spec);
}
