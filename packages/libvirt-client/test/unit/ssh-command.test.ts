import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TransportError } from '../../src/errors.js';
import { remoteCommand, remoteScript, shellQuote } from '../../src/transport/ssh-command.js';

const echo = (s: string): string => execFileSync('/bin/sh', ['-c', `printf %s ${s}`], { encoding: 'utf8' });

describe('shellQuote', () => {
  it('leaves plain values alone and quotes the rest so a shell gives them back unchanged', () => {
    expect(shellQuote('/var/run/libvirt/libvirt-sock')).toBe('/var/run/libvirt/libvirt-sock');
    for (const v of ['qemu:///system?socket=/a b', "it's", '$(reboot)', '`x`', 'a;b', '', 'tab\there']) {
      expect(echo(shellQuote(v))).toBe(v);
    }
  });
});

describe('remote command', () => {
  const base = { helperUri: 'qemu:///system' };

  it('netcat: nc -U on the default socket, with -q0 when nc has -q', () => {
    const s = remoteScript({ ...base, proxy: 'netcat' });
    expect(s).toContain('nc -q 2>&1 | grep "requires an argument"');
    expect(s).toContain('exec nc $ARG -U /var/run/libvirt/libvirt-sock');
  });

  it('netcat: honours netcat= and socket=, quoting them', () => {
    const s = remoteScript({ ...base, proxy: 'netcat', netcat: '/opt/my nc', remoteSocket: '/run/x sock' });
    expect(s).toContain(`exec '/opt/my nc' $ARG -U '/run/x sock'`);
  });

  it('native: virt-ssh-helper with the URI; netcat= is refused', () => {
    expect(remoteScript({ ...base, proxy: 'native' })).toBe('exec virt-ssh-helper qemu:///system');
    expect(remoteScript({ proxy: 'native', helperUri: 'test:///default?x=1&y=2' })).toBe(`exec virt-ssh-helper 'test:///default?x=1&y=2'`);
    expect(() => remoteScript({ ...base, proxy: 'native', netcat: 'nc' })).toThrow(TransportError);
  });

  it('auto: virt-ssh-helper when present, else netcat; netcat= or socket= mean netcat', () => {
    const s = remoteScript({ ...base, proxy: 'auto' });
    expect(s).toMatch(/^if command -v virt-ssh-helper >\/dev\/null 2>&1; then exec virt-ssh-helper qemu:\/\/\/system; else if nc -q/);
    expect(remoteScript({ ...base, proxy: 'auto', netcat: 'ncat' })).not.toContain('virt-ssh-helper');
    expect(remoteScript({ ...base, proxy: 'auto', remoteSocket: '/s' })).not.toContain('virt-ssh-helper');
  });

  it('wraps the script in sh -c, quoted once for the login shell', () => {
    const o = { proxy: 'netcat', remoteSocket: "/it's here" } as const;
    const cmd = remoteCommand({ ...base, ...o });
    expect(cmd.startsWith('sh -c ')).toBe(true);
    expect(echo(cmd.slice('sh -c '.length))).toBe(remoteScript({ ...base, ...o }));
    // The script parses as POSIX shell.
    execFileSync('/bin/sh', ['-n', '-c', remoteScript({ ...base, proxy: 'auto' })]);
  });
});
