import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkHostKey, fingerprint, hostMatches, keyTypeOf, knownHostsName, parseKnownHosts } from '../../src/transport/known-hosts.js';

function blob(type: string, body: string): Buffer {
  const t = Buffer.from(type);
  const b = Buffer.from(body);
  const out = Buffer.alloc(8 + t.length + b.length);
  out.writeUInt32BE(t.length, 0);
  t.copy(out, 4);
  out.writeUInt32BE(b.length, 4 + t.length);
  b.copy(out, 8 + t.length);
  return out;
}
const keyA = blob('ssh-ed25519', 'A'.repeat(32));
const keyB = blob('ssh-ed25519', 'B'.repeat(32));
const rsa = blob('ssh-rsa', 'R'.repeat(64));
const line = (hosts: string, key: Buffer, marker = ''): string => `${marker}${marker ? ' ' : ''}${hosts} ${keyTypeOf(key)} ${key.toString('base64')} comment`;
function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  it('names hosts as OpenSSH stores them', () => {
    expect(knownHostsName('h', 22)).toBe('h');
    expect(knownHostsName('h', 2222)).toBe('[h]:2222');
  });

  it('parses entries, skipping comments, blank and malformed lines', () => {
    const e = parseKnownHosts(['# c', '', line('a,b', keyA), 'garbage', line('c', keyB, '@revoked'), '@foo x y z'].join('\n'));
    expect(e.map((x) => [x.patterns, x.marker, x.line])).toEqual([
      ['a,b', null, 3],
      ['c', 'revoked', 5],
    ]);
    expect(e[0]!.key.equals(keyA)).toBe(true);
  });

  it('matches patterns with wildcards and negation', () => {
    expect(hostMatches('a,b', 'b')).toBe(true);
    expect(hostMatches('*.example.com', 'x.example.com')).toBe(true);
    expect(hostMatches('*.example.com,!bad.example.com', 'bad.example.com')).toBe(false);
    expect(hostMatches('[host?]:2222', '[host1]:2222')).toBe(true);
    expect(hostMatches('host1', '[host1]:2222')).toBe(false);
    expect(hostMatches('Host1', 'host1')).toBe(true);
  });

  it('matches hashed names (|1|salt|HMAC-SHA1)', () => {
    expect(hostMatches(hashed('[10.0.0.1]:2222'), '[10.0.0.1]:2222')).toBe(true);
    expect(hostMatches(hashed('10.0.0.1'), '[10.0.0.1]:2222')).toBe(false);
    expect(hostMatches('|1|bad', 'x')).toBe(false);
  });

  it('gives a verdict: known, changed, unknown, revoked', () => {
    const entries = parseKnownHosts([line('[h]:2222', keyA), line('other', keyB), line('rsaonly', rsa)].join('\n'));
    expect(checkHostKey(entries, 'h', 2222, keyA).status).toBe('known');
    expect(checkHostKey(entries, 'h', 2222, keyB).status).toBe('changed');
    expect(checkHostKey(entries, 'h', 22, keyA)).toEqual({ status: 'unknown', otherTypes: [] });
    expect(checkHostKey(entries, 'rsaonly', 22, keyA)).toEqual({ status: 'unknown', otherTypes: ['ssh-rsa'] });
    const revoked = parseKnownHosts([line('h', keyA), line('*', keyA, '@revoked')].join('\n'));
    expect(checkHostKey(revoked, 'h', 22, keyA).status).toBe('revoked');
  });

  it('fingerprints like ssh-keygen -l', () => {
    expect(fingerprint(keyA)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyTypeOf(keyA)).toBe('ssh-ed25519');
    expect(keyTypeOf(Buffer.alloc(2))).toBe('unknown');
  });
});
