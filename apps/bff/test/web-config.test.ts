// How the BFF decides to serve the web (src/web/web-config.ts): only with VIRTDECK_WEB_DIR; with
// the admin's certificate, a self-signed one, or plain HTTP, which it refuses anywhere but
// loopback, before the BFF itself starts or anything listens.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planWebFront } from '../src/web/start-front.js';
import { isLoopback, listenPlan, loadWebConfig } from '../src/web/web-config.js';

const plan = (env: Record<string, string>) => listenPlan(loadWebConfig({ VIRTDECK_DATA_DIR: '/data', ...env }));

describe('the listen plan', () => {
  it('is no front at all without VIRTDECK_WEB_DIR (tests and tools start the BFF alone)', () => {
    expect(planWebFront({})).toBeNull();
    expect(planWebFront({ VIRTDECK_WEB_DIR: '' })).toBeNull();
  });

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

  it('refuses a web dir that is not an export', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'vdtest-web-empty-'));
    try {
      expect(() => planWebFront({ VIRTDECK_WEB_DIR: empty })).toThrow(/has no index.html/);
      expect(() => planWebFront({ VIRTDECK_WEB_DIR: path.join(empty, 'missing') })).toThrow(/is not a folder/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('tells loopback addresses from the others', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '192.0.2.4', 'example.org', '128.0.0.1'].some(isLoopback)).toBe(false);
  });
});

describe('main.ts', () => {
  it('refuses to serve plain HTTP on a non-loopback address, with a clear message, before the BFF starts', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../src/main.ts')], {
      env: { ...process.env, VIRTDECK_WEB_DIR: '/nonexistent', VIRTDECK_WEB_HOST: '0.0.0.0', VIRTDECK_WEB_PORT: '0', VIRTDECK_TLS: 'off', VIRTDECK_BFF_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('refusing to serve plain HTTP on 0.0.0.0');
    expect(stderr).toContain('VIRTDECK_TLS_CERT');
    expect(stdout).not.toContain('[bff] listening');
  });
});
