// A page's CSP without a nonce (src/web/page-hashes.ts, security-headers.ts): every inline script
// is allowed by the hash of its text, every external one by its integrity, added from the export's
// own file; the policy keeps 'strict-dynamic' and allows nothing inline or evaluated beyond that.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPage } from '../src/web/page-hashes.js';
import { pagePolicy } from '../src/web/security-headers.js';

const sha = (s: string) => `sha256-${createHash('sha256').update(s).digest('base64')}`;
const chunk = 'console.log("chunk")';
const read = (src: string) => (src === '/_next/static/chunks/a.js' ? Buffer.from(chunk) : null);

const html =
  '<html><head><link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js"/>' +
  '<script src="/_next/static/chunks/a.js" async=""></script><script>theme()</script></head>' +
  '<body><script id="_R_">boot()</script><script>self.__next_f.push([1,"x"])</script>' +
  '<script src="/_next/static/chunks/missing.js" async=""></script>' +
  '<script src="/_next/static/chunks/a.js" integrity="sha384-given"></script></body></html>';

describe('hashPage', () => {
  const page = hashPage(html, read);

  it('hashes the text of each inline script', () => {
    for (const text of ['theme()', 'boot()', 'self.__next_f.push([1,"x"])']) expect(page.hashes).toContain(sha(text));
  });

  it("adds the file's integrity to its scripts and preloads, and allows that hash once", () => {
    expect(page.html).toContain(`<script src="/_next/static/chunks/a.js" integrity="${sha(chunk)}" async=""></script>`);
    expect(page.html).toContain(`<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js" integrity="${sha(chunk)}"/>`);
    expect(page.hashes.filter((h) => h === sha(chunk))).toHaveLength(1);
    expect(page.hashes).toHaveLength(4);
  });

  it('leaves a script the export lacks, or one with its own integrity, as it is', () => {
    expect(page.html).toContain('<script src="/_next/static/chunks/missing.js" async=""></script>');
    expect(page.html).toContain('integrity="sha384-given"></script>');
  });

  it('changes nothing else of the page', () => {
    expect(page.html.replace(/ integrity="sha256-[^"]+"/g, '')).toBe(html);
  });
});

describe('pagePolicy', () => {
  const policy = pagePolicy({ scriptHashes: [sha('a'), sha('b')], host: '127.0.0.1:3000', https: false });
  const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src ')) ?? '';

  it("allows scripts by those hashes and 'strict-dynamic', never inline or eval", () => {
    expect(scriptSrc).toBe(`script-src 'self' '${sha('a')}' '${sha('b')}' 'strict-dynamic'`);
    expect(policy).not.toMatch(/unsafe-eval|nonce-/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
  });

  it('lets the consoles reach this origin over ws, or wss and upgraded requests over https', () => {
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:3000");
    const secure = pagePolicy({ scriptHashes: [], host: 'dash.example:8443', https: true });
    expect(secure).toContain("connect-src 'self' wss://dash.example:8443");
    expect(secure).toContain('upgrade-insecure-requests');
  });

  it('names no host it cannot trust the shape of', () => {
    expect(pagePolicy({ scriptHashes: [], host: "x'; script-src *", https: false })).toContain("connect-src 'self';");
  });
});
