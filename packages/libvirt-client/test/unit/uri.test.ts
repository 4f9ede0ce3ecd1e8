import { describe, expect, it } from 'vitest';
import { UriError, defaultUnixSocket, parseLibvirtUri, transportForUri } from '../../src/transport/index.js';

describe('parseLibvirtUri', () => {
  const table: [string, { driver: string; transport: string; host: string | null; port: number | null; user: string | null; path: string; openName: string }][] = [
    ['test:///default', { driver: 'test', transport: 'unix', host: null, port: null, user: null, path: '/default', openName: 'test:///default' }],
    ['qemu:///system', { driver: 'qemu', transport: 'unix', host: null, port: null, user: null, path: '/system', openName: 'qemu:///system' }],
    ['qemu:///session', { driver: 'qemu', transport: 'unix', host: null, port: null, user: null, path: '/session', openName: 'qemu:///session' }],
    ['qemu+tcp://127.0.0.1:16509/system', { driver: 'qemu', transport: 'tcp', host: '127.0.0.1', port: 16509, user: null, path: '/system', openName: 'qemu:///system' }],
    ['qemu://host.example/system', { driver: 'qemu', transport: 'tls', host: 'host.example', port: null, user: null, path: '/system', openName: 'qemu:///system' }],
    ['qemu+tls://host.example:16600/system?no_verify=1&pkipath=/etc/pki/x', { driver: 'qemu', transport: 'tls', host: 'host.example', port: 16600, user: null, path: '/system', openName: 'qemu:///system' }],
    ['qemu+ssh://root@kvm1/system?keyfile=/k&known_hosts=/kh&proxy=netcat&netcat=/bin/nc', { driver: 'qemu', transport: 'ssh', host: 'kvm1', port: null, user: 'root', path: '/system', openName: 'qemu:///system' }],
    ['qemu+libssh2://u@[fe80::1]:2222/system', { driver: 'qemu', transport: 'ssh', host: 'fe80::1', port: 2222, user: 'u', path: '/system', openName: 'qemu:///system' }],
    ['test+unix:///abs/path/node.xml?socket=/x', { driver: 'test', transport: 'unix', host: null, port: null, user: null, path: '/abs/path/node.xml', openName: 'test:///abs/path/node.xml' }],
    ['qemu+unix:///system?socket=/run/a%20b/sock&mode=legacy', { driver: 'qemu', transport: 'unix', host: null, port: null, user: null, path: '/system', openName: 'qemu:///system' }],
    // Parameters the remote driver does not know are passed on to the daemon.
    ['xen+tcp://h/?foo=bar&no_verify=1', { driver: 'xen', transport: 'tcp', host: 'h', port: null, user: null, path: '/', openName: 'xen:///?foo=bar' }],
    // name= overrides what CONNECT_OPEN sends.
    ['qemu+tcp://h/system?name=qemu:///embed', { driver: 'qemu', transport: 'tcp', host: 'h', port: null, user: null, path: '/system', openName: 'qemu:///embed' }],
    ['LXC:///', { driver: 'lxc', transport: 'unix', host: null, port: null, user: null, path: '/', openName: 'lxc:///' }],
  ];
  for (const [uri, want] of table) {
    it(uri, () => expect(parseLibvirtUri(uri)).toMatchObject(want));
  }

  it('decodes the remote driver parameters', () => {
    const u = parseLibvirtUri('qemu+ssh://root@kvm1:22/system?keyfile=/home/a/.ssh/id&known_hosts=/kh&proxy=native&no_verify=1&socket=/var/run/x%2By');
    expect(u.remote).toEqual({ keyfile: '/home/a/.ssh/id', knownHosts: '/kh', proxy: 'native', noVerify: true, socket: '/var/run/x+y' });
    expect(parseLibvirtUri('qemu+tls://h/system?no_verify=0').remote.noVerify).toBe(false);
    expect(parseLibvirtUri('qemu+unix:///system?socket=/a+b').remote.socket).toBe('/a+b');
  });

  it('refuses what libvirt refuses', () => {
    for (const bad of ['', 'not a uri', '/system', 'qemu+carrier-pigeon:///system', 'qemu+tcp:///system', 'qemu+tcp://h:99999/system', 'qemu+tcp://h:x/system', 'qemu+tcp://h/system?socket=/s', 'qemu+ssh://[::1/system']) {
      expect(() => parseLibvirtUri(bad), bad).toThrow(UriError);
    }
  });

  it('picks default sockets and ports', () => {
    expect(defaultUnixSocket(parseLibvirtUri('qemu:///system'))).toBe('/run/libvirt/libvirt-sock');
    expect(defaultUnixSocket(parseLibvirtUri('qemu:///system'), true)).toBe('/run/libvirt/libvirt-sock-ro');
    expect(defaultUnixSocket(parseLibvirtUri('test+unix:///default?socket=/tmp/s'), true)).toBe('/tmp/s');
    expect(transportForUri(parseLibvirtUri('qemu+tcp://10.0.0.1/system')).description).toBe('tcp:10.0.0.1:16509');
    expect(transportForUri(parseLibvirtUri('qemu://10.0.0.1/system')).description).toBe('tls:10.0.0.1:16514');
    expect(transportForUri(parseLibvirtUri('qemu+ssh://me@10.0.0.1/system')).description).toBe('ssh:me@10.0.0.1:22');
    expect(transportForUri(parseLibvirtUri('qemu+unix:///system?socket=/s')).description).toBe('unix:/s');
    expect(() => transportForUri(parseLibvirtUri('qemu+ext:///system?command=/bin/x'))).toThrow(UriError);
  });
});
