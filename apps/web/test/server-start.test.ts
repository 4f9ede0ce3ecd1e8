// How server.mjs decides to listen: the admin's certificate, a self-signed one, or plain HTTP,
// which it refuses anywhere but loopback, before it loads Next.js or listens.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopback, listenPlan, loadConfig } from '../server/config.mjs';

const plan = (env: Record<string, string>) => listenPlan(loadConfig({ VIRTDECK_DATA_DIR: '/data', ...env }));

describe('the listen plan', () => {
  it('serves plain HTTP on loopback unless told otherwise (dev.sh, the e2e tests)', () => {
    expect(plan({}).tls).toBeNull();
    expect(plan({ VIRTDECK_WEB_HOST: '::1' }).tls).toBeNull();
  });

  it('makes a self-signed certificate for any other address, or when asked', () => {
    expect(plan({ VIRTDECK_WEB_HOST: '0.0.0.0' }).tls).toEqual({ kind: 'self-signed', dir: '/data/tls' });
    expect(plan({ VIRTDECK_TLS: 'self-signed' }).tls).toEqual({ kind: 'self-signed', dir: '/data/tls' });
  });

  it("uses the admin's certificate when given one", () => {
    expect(plan({ VIRTDECK_WEB_HOST: '192.0.2.4', VIRTDECK_TLS_CERT: '/c.pem', VIRTDECK_TLS_KEY: '/k.pem' }).tls).toEqual({
      kind: 'files',
      certFile: '/c.pem',
      keyFile: '/k.pem',
    });
  });

  it('refuses a certificate without its key, naming the variables', () => {
    expect(() => plan({ VIRTDECK_TLS_CERT: '/c.pem' })).toThrow(/VIRTDECK_TLS_CERT and VIRTDECK_TLS_KEY go together/);
  });

  it('tells loopback addresses from the others', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '192.0.2.4', 'example.org', '128.0.0.1'].some(isLoopback)).toBe(false);
  });
});

describe('server.mjs', () => {
  it('refuses to serve plain HTTP on a non-loopback address, with a clear message', async () => {
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../server.mjs')], {
      env: { ...process.env, VIRTDECK_WEB_HOST: '0.0.0.0', VIRTDECK_WEB_PORT: '0', VIRTDECK_TLS: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('refusing to serve plain HTTP on 0.0.0.0');
    expect(stderr).toContain('VIRTDECK_TLS_CERT');
  });
});
