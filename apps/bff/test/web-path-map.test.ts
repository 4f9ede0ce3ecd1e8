// Which file of the static export answers a path (src/web/path-map.ts): pages by name, the dynamic
// routes' one placeholder page for every value, Next's navigation payloads under them, and nothing
// for a path that climbs out, names a NUL or hides a slash.
import { describe, expect, it } from 'vitest';
import { pathSegments, resolvePath } from '../src/web/path-map.js';

const files = new Set([
  'index.html',
  'index.txt',
  '404.html',
  'vms.html',
  'vms.txt',
  'vms/new.html',
  'vms/__next._tree.txt',
  'vms/_/_.html',
  'vms/_/_.txt',
  'vms/_/_/__next._tree.txt',
  'vms/_/_/__next.vms.$d$hostId.$d$uuid.__PAGE__.txt',
  'hosts/_.html',
  'hosts/_.txt',
  'storage/_/_.html',
  'storage/_/_.txt',
  'console/_/_.html',
  '_next/static/chunks/a.js',
]);
const has = (k: string) => files.has(k);
const resolve = (p: string, rsc = false) => resolvePath(p, has, rsc);

describe('pages and files', () => {
  it('answers the root, pages by name and files as they are', () => {
    expect(resolve('/')).toBe('index.html');
    expect(resolve('/vms')).toBe('vms.html');
    expect(resolve('/vms/')).toBe('vms.html');
    expect(resolve('/vms/new')).toBe('vms/new.html');
    expect(resolve('/vms.txt', true)).toBe('vms.txt');
    expect(resolve('/vms/__next._tree.txt', true)).toBe('vms/__next._tree.txt');
    expect(resolve('/_next/static/chunks/a.js')).toBe('_next/static/chunks/a.js');
  });

  it('answers nothing for what the export does not have', () => {
    expect(resolve('/nope')).toBeNull();
    expect(resolve('/hosts')).toBeNull();
    expect(resolve('/_next/static/chunks/b.js')).toBeNull();
  });
});

describe('the dynamic routes', () => {
  it('answer every value with the placeholder page', () => {
    expect(resolve('/vms/host-1/3f2a-uuid')).toBe('vms/_/_.html');
    expect(resolve('/console/host-1/3f2a-uuid')).toBe('console/_/_.html');
    expect(resolve('/storage/host-1/my%20pool')).toBe('storage/_/_.html');
    expect(resolve('/hosts/host-1')).toBe('hosts/_.html');
  });

  it("answer Next's client-navigation fetches with the placeholder's payloads", () => {
    expect(resolve('/vms/host-1/3f2a-uuid.txt', true)).toBe('vms/_/_.txt');
    expect(resolve('/hosts/host-1.txt', true)).toBe('hosts/_.txt');
    expect(resolve('/vms/host-1/3f2a-uuid/__next._tree.txt', true)).toBe('vms/_/_/__next._tree.txt');
    expect(resolve('/vms/host-1/3f2a-uuid/__next.vms.$d$hostId.$d$uuid.__PAGE__.txt', true)).toBe(
      'vms/_/_/__next.vms.$d$hostId.$d$uuid.__PAGE__.txt',
    );
  });

  it("answer a page's payload to Next's prefetch of the page itself (RSC header, ?_rsc=)", () => {
    expect(resolve('/', true)).toBe('index.txt');
    expect(resolve('/vms', true)).toBe('vms.txt');
    expect(resolve('/vms/host-1/3f2a-uuid', true)).toBe('vms/_/_.txt');
    expect(resolve('/hosts/host-1', true)).toBe('hosts/_.txt');
  });

  it('give the page, not the payload, for a value ending in .txt that the browser opens itself', () => {
    expect(resolve('/storage/host-1/notes.txt')).toBe('storage/_/_.html');
  });

  it('answer nothing for too many segments or an unknown file under a page', () => {
    expect(resolve('/vms/h/u/extra/more')).toBeNull();
    expect(resolve('/vms/h/u/other.txt', true)).toBeNull();
    expect(resolve('/vms/h/u/__next.missing.txt', true)).toBeNull();
    expect(resolve('/hosts/h/u/v')).toBeNull();
  });
});

describe('paths that could climb out or hide something', () => {
  it.each([
    '/../etc/passwd',
    '/vms/../../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/%2E%2E%2Fetc%2Fpasswd',
    '/vms/h/%2e%2e',
    '/_next/static/..%2f..%2fpackage.json',
    '/vms%00.html',
    '/vms/h/u%00',
    '/vms\\..\\..\\etc',
    '/vms/h%5c..%5cx/u',
    '//etc/passwd',
    '/vms//x',
    '/%',
    'etc/passwd',
  ])('%s names no file', (p) => {
    expect(resolve(p)).toBeNull();
    expect(resolve(p, true)).toBeNull();
  });

  it('refuses the segments themselves', () => {
    expect(pathSegments('/a/./b')).toBeNull();
    expect(pathSegments('/a/%2E/b')).toBeNull();
    expect(pathSegments('/a/b')).toEqual(['a', 'b']);
    expect(pathSegments('/a%20b')).toEqual(['a b']);
  });
});
