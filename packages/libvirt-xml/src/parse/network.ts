import type { NetworkIp, NetworkModel } from '../model/network.js';
import { attr, child, childrenNamed, indexed, optionalInt, requireAttr, requireChildText } from './dom.js';
import { parseXml, type XmlElement } from './xml.js';

/** `virNetworkGetXMLDesc` output → {@link NetworkModel}. */
export function parseNetworkXml(xml: string): NetworkModel {
  const root = parseXml(xml, 'network');
  const path = 'network';
  const forward = child(root, 'forward');
  const forwardDev = attr(forward, 'dev') ?? (forward ? attr(child(forward, 'interface'), 'dev') : undefined);
  const bridge = attr(child(root, 'bridge'), 'name');
  const mac = attr(child(root, 'mac'), 'address');
  const domain = attr(child(root, 'domain'), 'name');
  return {
    name: requireChildText(root, 'name', path),
    uuid: requireChildText(root, 'uuid', path),
    forwardMode: forward === undefined ? 'isolated' : (forward.attrs.mode ?? 'nat'),
    ...(forwardDev ? { forwardDev } : {}),
    ...(bridge ? { bridge } : {}),
    ...(mac ? { mac } : {}),
    ...(domain ? { domain } : {}),
    ips: childrenNamed(root, 'ip').map((ip, i) => readIp(ip, indexed(path, 'ip', i))),
  };
}

function readIp(ip: XmlElement, path: string): NetworkIp {
  const address = requireAttr(ip, 'address', path);
  const family = ip.attrs.family === 'ipv6' || address.includes(':') ? 'ipv6' : 'ipv4';
  const { netmask } = ip.attrs;
  const prefix = optionalInt(ip.attrs.prefix, path, 'IP prefix') ?? (netmask ? netmaskPrefix(netmask) : undefined);
  const dhcp = child(ip, 'dhcp');
  return {
    family,
    address,
    ...(netmask ? { netmask } : {}),
    ...(prefix !== undefined ? { prefix } : {}),
    dhcpRanges: dhcp
      ? childrenNamed(dhcp, 'range').map((range, i) => ({
          start: requireAttr(range, 'start', `${path}/dhcp/range[${i + 1}]`),
          end: requireAttr(range, 'end', `${path}/dhcp/range[${i + 1}]`),
        }))
      : [],
    dhcpHosts: dhcp
      ? childrenNamed(dhcp, 'host').map((host) => {
          const { mac, name, ip: hostIp } = host.attrs;
          return { ...(mac ? { mac } : {}), ...(name ? { name } : {}), ...(hostIp ? { ip: hostIp } : {}) };
        })
      : [],
  };
}

/** `255.255.255.0` → 24; undefined for a non-contiguous or malformed mask. */
function netmaskPrefix(netmask: string): number | undefined {
  const parts = netmask.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return undefined;
  const bits = parts.map((part) => part.toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits) ? bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') : undefined;
}
