// One interface for every way to reach a libvirtd: the RPC engine only sees a byte stream.
import type { Duplex } from 'node:stream';

export interface Transport {
  /** For errors and logs, e.g. "unix:/run/libvirt/libvirt-sock" or "tls:host:16514". */
  readonly description: string;
  /** Opens the byte stream. Rejects with TransportError on failure or abort. */
  connect(signal?: AbortSignal): Promise<Duplex>;
}

export interface TlsTransportOptions {
  host: string;
  port: number; // default 16514
  /** libvirt's `pkipath=`: a folder with cacert.pem, clientcert.pem, clientkey.pem. */
  pkiPath?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** libvirt's `no_verify=1` turns this off. */
  verify: boolean;
}

export interface SshTransportOptions {
  host: string;
  port: number; // default 22
  username?: string;
  /** libvirt's `keyfile=`; otherwise ~/.ssh/id_ed25519, id_ecdsa, id_rsa are tried. */
  keyFile?: string;
  password?: string;
  /** libvirt's `known_hosts=`; `no_verify=1` accepts any host key. */
  knownHostsFile?: string;
  verify: boolean;
  /** libvirt's `proxy=`: native runs virt-ssh-helper, netcat runs nc -U, auto tries both. */
  proxy: 'auto' | 'native' | 'netcat';
  /** libvirt's `netcat=`: the nc binary on the far end. */
  netcat?: string;
  /** The daemon's socket on the far end (`socket=`), for netcat mode. */
  remoteSocket?: string;
  /** The URI virt-ssh-helper opens on the far end, e.g. qemu:///system. */
  helperUri: string;
}
