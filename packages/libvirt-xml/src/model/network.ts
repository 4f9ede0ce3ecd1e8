export interface DhcpRange {
  start: string;
  end: string;
}

export interface DhcpHost {
  mac?: string;
  name?: string;
  ip?: string;
}

export interface NetworkIp {
  family: 'ipv4' | 'ipv6';
  address: string;
  /** IPv4 netmask as written, when given that way. */
  netmask?: string;
  /** Prefix length: from `prefix`, or computed from an IPv4 `netmask`. */
  prefix?: number;
  dhcpRanges: DhcpRange[];
  dhcpHosts: DhcpHost[];
}

export interface NetworkModel {
  name: string;
  uuid: string;
  /**
   * `<forward mode>`: nat, route, open, bridge, private, vepa, passthrough, hostdev. `<forward/>`
   * without a mode is `nat` (libvirt's default); no `<forward>` at all is `isolated`.
   */
  forwardMode: string;
  /** `<forward dev>` or its first `<interface dev>`. */
  forwardDev?: string;
  bridge?: string;
  mac?: string;
  domain?: string;
  ips: NetworkIp[];
}
