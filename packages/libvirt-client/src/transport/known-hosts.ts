// OpenSSH known_hosts (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"), as pure functions:
//   [@revoked|@cert-authority] patterns keytype base64-key [comment]
// patterns are comma-separated, with `*`/`?` wildcards and `!` negation, `[host]:port` for a port
// other than 22, or one hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
// @cert-authority lines are skipped: host certificates are not supported.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface KnownHostEntry {
  marker: 'revoked' | 'cert-authority' | null;
  patterns: string;
  keyType: string;
  key: Buffer;
  /** 1-based, for messages. */
  line: number;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    } else if (fields[0]?.startsWith('@')) return; // an unknown marker: ignored, as OpenSSH does
    const [patterns, keyType, b64] = fields;
    if (!patterns || !keyType || !b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return;
    entries.push({ marker, patterns, keyType, key: Buffer.from(b64, 'base64'), line: i + 1 });
  });
  return entries;
}

/** The name known_hosts stores for a host: `host` on port 22, else `[host]:port`. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function wildcardMatch(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}

function hashedMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('|'); // ['', '1', salt, hash]
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const salt = Buffer.from(parts[2]!, 'base64');
  const want = Buffer.from(parts[3]!, 'base64');
  const got = createHmac('sha1', salt).update(name).digest();
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Whether a line's host patterns cover `name` (already in `[host]:port` form when needed). */
export function hostMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return hashedMatch(patterns, name);
  let matched = false;
  for (const p of patterns.split(',')) {
    if (p.startsWith('!')) {
      if (wildcardMatch(p.slice(1), name)) return false;
    } else if (wildcardMatch(p, name)) matched = true;
  }
  return matched;
}

/** The algorithm name at the start of an SSH public key blob (RFC 4253 string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  return len > 0 && 4 + len <= blob.length ? blob.subarray(4, 4 + len).toString('latin1') : 'unknown';
}

/** OpenSSH's fingerprint: SHA256:<unpadded base64>. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export type HostKeyVerdict =
  | { status: 'known'; entry: KnownHostEntry }
  /** Listed with another key of the same type: the host key changed, or someone is in between. */
  | { status: 'changed'; entries: KnownHostEntry[] }
  /** Not listed at all, or only with keys of other types. */
  | { status: 'unknown'; otherTypes: string[] }
  | { status: 'revoked'; entry: KnownHostEntry };

export function checkHostKey(entries: KnownHostEntry[], host: string, port: number, blob: Buffer): HostKeyVerdict {
  const name = knownHostsName(host, port);
  const type = keyTypeOf(blob);
  const forHost = entries.filter((e) => e.marker !== 'cert-authority' && hostMatches(e.patterns, name));
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key.equals(blob));
  if (revoked) return { status: 'revoked', entry: revoked };
  const known = forHost.find((e) => e.marker === null && e.key.equals(blob));
  if (known) return { status: 'known', entry: known };
  const sameType = forHost.filter((e) => e.marker === null && e.keyType === type);
  if (sameType.length) return { status: 'changed', entries: sameType };
  return { status: 'unknown', otherTypes: [...new Set(forHost.filter((e) => e.marker === null).map((e) => e.keyType))] };
}
