// A network's definition from the define/edit forms' input: libvirt-xml builds and checks the XML
// (a DHCP range or static host outside its subnet is refused naming the field).
import { buildNetworkXml, type NetworkSpec } from '@virtdeck/libvirt-xml';
import type { NetworkEditInput } from '@virtdeck/contract/network';

export function networkXmlOf(input: NetworkEditInput, uuid?: string): string {
  const spec: NetworkSpec = {
    name: input.name,
    forward: input.forward,
    ...(uuid !== undefined && { uuid }),
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
