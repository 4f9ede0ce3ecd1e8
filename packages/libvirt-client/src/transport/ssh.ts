// qemu+ssh://: an ssh2 client logs in, checks the host key against known_hosts, and execs a proxy
// to the daemon's socket on the far end (see ssh-command.ts). The exec channel's stdout/stdin are
// the RPC byte stream; its stderr is kept so that a proxy that fails (no nc, no socket, no
// virt-ssh-helper) ends the stream with a TransportError that says why.
import { readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { AuthenticationType, Client, ClientChannel, ConnectConfig, ParsedKey } from 'ssh2';
import { TransportError } from '../errors.js';
import { checkHostKey, fingerprint, keyTypeOf, knownHostsName, parseKnownHosts } from './known-hosts.js';
import type { KnownHostEntry } from './known-hosts.js';
import { ChannelDuplex } from './ssh-channel.js';
import { remoteCommand } from './ssh-command.js';
import type { SshTransportOptions, Transport } from './transport.js';

/** Default identities, in the order the interface documents. */
export const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'] as const;
/** How much of the remote stderr is kept for error messages. */
const STDERR_KEEP = 4096;
/** Deadline for connect, handshake, login and exec, unless the caller says otherwise. */
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

export interface SshConnectOptions extends SshTransportOptions {
  /** Deadline for TCP connect, ssh handshake, login and starting the proxy (default 20 s). */
  connectTimeoutMs?: number;
}

export interface SshEnv {
  home: string;
  username: string;
  /** ssh-agent socket, tried after the key files (and before a password), like libvirt does. */
  agentSocket?: string;
}

function defaultSshEnv(): SshEnv {
  return { home: os.homedir(), username: os.userInfo().username, agentSocket: process.env.SSH_AUTH_SOCK || undefined };
}

type AuthStep =
  | { type: 'publickey'; label: string; key: ParsedKey }
  | { type: 'agent'; label: string; agent: string }
  | { type: 'password'; label: string; password: string };

function loadKey(file: string): ParsedKey | Error {
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch (err) {
    return err as Error;
  }
  const parsed = ssh2.utils.parseKey(text);
  if (parsed instanceof Error) return parsed;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key?.isPrivateKey()) return new Error('not a private key');
  return key;
}

/** The login methods, in order: key file(s), agent, password. */
function authSteps(o: SshTransportOptions, env: SshEnv): AuthStep[] {
  const steps: AuthStep[] = [];
  const skipped: string[] = [];
  if (o.keyFile) {
    const key = loadKey(o.keyFile);
    // A key named in the URI that cannot be used is an error, not something to skip silently.
    if (key instanceof Error) throw new TransportError(`ssh: cannot use key file ${o.keyFile}: ${key.message}`, { cause: key });
    steps.push({ type: 'publickey', label: `key ${o.keyFile}`, key });
  } else {
    for (const name of DEFAULT_IDENTITIES) {
      const file = path.join(env.home, '.ssh', name);
      if (!existsSync(file)) continue;
      const key = loadKey(file);
      if (key instanceof Error) skipped.push(`${file} (${key.message})`);
      else steps.push({ type: 'publickey', label: `key ${file}`, key });
    }
    if (env.agentSocket) steps.push({ type: 'agent', label: `ssh-agent ${env.agentSocket}`, agent: env.agentSocket });
  }
  if (o.password !== undefined) steps.push({ type: 'password', label: 'password', password: o.password });
  if (!steps.length) {
    const looked = o.keyFile ? o.keyFile : DEFAULT_IDENTITIES.map((n) => path.join(env.home, '.ssh', n)).join(', ');
    throw new TransportError(
      `ssh: no credentials: no usable key (looked for ${looked}${skipped.length ? `; unusable: ${skipped.join(', ')}` : ''}), ` +
        'no ssh-agent and no password',
    );
  }
  return steps;
}

function knownHostsFiles(o: SshTransportOptions, env: SshEnv): string[] {
  return o.knownHostsFile ? [o.knownHostsFile] : [path.join(env.home, '.ssh/known_hosts'), '/etc/ssh/ssh_known_hosts'];
}

function readKnownHosts(files: string[]): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue; // a missing file just knows no hosts, as with OpenSSH
    }
    entries.push(...parseKnownHosts(text));
  }
  return entries;
}

/** Returns null when the key is accepted, else the error to report. */
function verifyHostKey(o: SshTransportOptions, env: SshEnv, blob: Buffer): TransportError | null {
  if (!o.verify) return null;
  const files = knownHostsFiles(o, env);
  const name = knownHostsName(o.host, o.port);
  const fp = `${keyTypeOf(blob)} ${fingerprint(blob)}`;
  const verdict = checkHostKey(readKnownHosts(files), o.host, o.port, blob);
  switch (verdict.status) {
    case 'known':
      return null;
    case 'revoked':
      return new TransportError(`ssh: the host key of ${name} (${fp}) is marked @revoked in known_hosts line ${verdict.entry.line}`);
    case 'changed':
      return new TransportError(
        `ssh: HOST KEY MISMATCH for ${name}: it presented ${fp}, but known_hosts (${files.join(', ')}) lists another ` +
          `${keyTypeOf(blob)} key (line ${verdict.entries.map((e) => e.line).join(', ')}); the key changed or someone is in between`,
      );
    case 'unknown':
      return new TransportError(
        `ssh: unknown host ${name}: its host key ${fp} is not in ${files.join(' or ')}` +
          (verdict.otherTypes.length ? ` (only keys of type ${verdict.otherTypes.join(', ')} are listed)` : '') +
          `; add it (ssh-keyscan -p ${o.port} ${o.host}) or connect with no_verify=1`,
      );
  }
}

/**
 * The exec channel as a plain Duplex. Ending or destroying it closes the ssh connection; when
 * the remote command fails its exit status and stderr become the stream's TransportError.
 */
class SshExecStream extends ChannelDuplex {
  private stderr = '';
  private exit: { code: number | null; signal?: string } | null = null;
  private sawData = false;

  constructor(
    private readonly client: Client,
    channel: ClientChannel,
    private readonly description: string,
  ) {
    super(channel);
    channel.on('data', () => (this.sawData = true));
    channel.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });
    channel.on('exit', (code: number | null, signal?: string) => {
      this.exit = { code, signal };
    });
    // 'close' comes after the remote EOF and the exit status: the moment to judge how it ended.
    channel.on('close', () => this.onChannelClose());
    channel.on('error', (err: Error) => this.destroy(new TransportError(`${description}: ${err.message}`, { cause: err })));
    client.on('error', (err: Error) => this.destroy(new TransportError(`${description}: ${err.message}`, { cause: err })));
    client.on('close', () => {
      if (!this.destroyed && !this.readableEnded) this.destroy(new TransportError(`${description}: the ssh connection closed`));
    });
  }

  private onChannelClose(): void {
    if (this.destroyed || this.readableEnded) return;
    const failed = this.exit === null ? !this.sawData : this.exit.code !== 0 || this.exit.signal !== undefined;
    if (failed) {
      const how = this.exit === null ? 'closed' : this.exit.signal ? `killed by ${this.exit.signal}` : `exited with status ${this.exit.code}`;
      const err = this.stderr.trim();
      this.destroy(new TransportError(`${this.description}: the remote proxy ${how}${err ? `: ${err}` : ''}`));
    } else {
      this.push(null);
    }
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    // The ssh connection exists for this one stream: it goes with it, after the channel.
    super._destroy(err, (e) => {
      this.client.end();
      cb(e);
    });
  }
}

/** "user@host:port", as errors and descriptions name an ssh peer. */
export function sshWhere(o: SshTransportOptions, env: SshEnv = defaultSshEnv()): string {
  return `${o.username ?? env.username}@${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}`;
}

/**
 * Connects and logs in: host key checked against known_hosts, then key files, agent, password.
 * Resolves with the ready client; rejects with a TransportError that says what failed.
 */
export function sshLogin(o: SshConnectOptions, description: string, signal?: AbortSignal, env: SshEnv = defaultSshEnv()): Promise<Client> {
  if (signal?.aborted) return Promise.reject(new TransportError(`${description}: connect aborted`, { cause: signal.reason }));
  const username = o.username ?? env.username;
  let steps: AuthStep[];
  try {
    steps = authSteps(o, env);
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise<Client>((resolve, reject) => {
    const client = new ssh2.Client();
    let hostKeyError: TransportError | null = null;
    const tried: string[] = [];
    let settled = false;
    const timeoutMs = o.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const timer = setTimeout(() => fail(new TransportError(`${description}: not connected within ${timeoutMs} ms`)), timeoutMs);
    const fail = (err: TransportError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      client.end();
      reject(err);
    };
    const onAbort = (): void => fail(new TransportError(`${description}: connect aborted`, { cause: signal?.reason }));
    signal?.addEventListener('abort', onAbort, { once: true });

    let next = 0;
    const authHandler = (methodsLeft: AuthenticationType[] | null): false | Record<string, unknown> => {
      while (next < steps.length) {
        const s = steps[next++]!;
        if (methodsLeft && !methodsLeft.includes(s.type === 'agent' ? 'publickey' : s.type)) continue;
        tried.push(s.label);
        if (s.type === 'publickey') return { type: 'publickey', username, key: s.key };
        if (s.type === 'agent') return { type: 'agent', username, agent: s.agent };
        return { type: 'password', username, password: s.password };
      }
      return false;
    };

    client.on('error', (err: Error & { level?: string }) => {
      if (hostKeyError) return fail(hostKeyError);
      if (err.level === 'client-authentication')
        return fail(
          new TransportError(`${description}: authentication failed (tried ${tried.join(', ') || 'nothing the server accepts'})`, {
            cause: err,
          }),
        );
      fail(new TransportError(`${description}: ${err.message}`, { cause: err }));
    });
    client.on('close', () => fail(new TransportError(`${description}: connection closed during login`)));
    client.on('ready', () => {
      if (settled) return void client.end();
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      client.removeAllListeners('error');
      client.removeAllListeners('close');
      resolve(client);
    });

    const config: ConnectConfig = {
      host: o.host,
      port: o.port,
      username,
      readyTimeout: timeoutMs,
      authHandler: authHandler as ConnectConfig['authHandler'],
      hostVerifier: (key: Buffer) => {
        hostKeyError = verifyHostKey(o, env, key);
        return hostKeyError === null;
      },
    };
    client.connect(config);
  });
}

export function createSshTransport(o: SshConnectOptions, env: SshEnv = defaultSshEnv()): Transport {
  const description = `ssh:${sshWhere(o, env)}`;
  // Built now so that a bad combination (proxy=native with netcat=) fails at once.
  const command = remoteCommand(o);
  return {
    description,
    async connect(signal?: AbortSignal): Promise<Duplex> {
      const client = await sshLogin(o, description, signal, env);
      return new Promise<Duplex>((resolve, reject) => {
        const timeoutMs = o.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
        const timer = setTimeout(() => fail(new TransportError(`${description}: the remote proxy did not start within ${timeoutMs} ms`)), timeoutMs);
        let settled = false;
        const fail = (err: TransportError): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          client.end();
          reject(err);
        };
        client.once('error', (err: Error) => fail(new TransportError(`${description}: ${err.message}`, { cause: err })));
        client.once('close', () => fail(new TransportError(`${description}: connection closed before the proxy started`)));
        client.exec(command, (err, channel) => {
          if (err) return fail(new TransportError(`${description}: exec of the remote proxy failed: ${err.message}`, { cause: err }));
          if (settled || signal?.aborted) {
            channel.destroy();
            return fail(new TransportError(`${description}: connect aborted`, { cause: signal?.reason }));
          }
          settled = true;
          clearTimeout(timer);
          client.removeAllListeners('error');
          client.removeAllListeners('close');
          resolve(new SshExecStream(client, channel, description));
        });
      });
    },
  };
}
