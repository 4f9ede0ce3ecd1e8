// `pnpm --filter @virtdeck/bff build`: the BFF as plain JavaScript in dist/, so production runs
// `node dist/main.js` with nothing compiling at run time (tsx and esbuild cost ~62 MiB of RSS).
// The workspace packages are TypeScript source and npm packages are bundled in with them; only
// native modules stay external, loaded from node_modules as usual.
// One file, written under a temporary name and renamed into place: several people and test runs
// share this tree, and a BFF already running keeps what it loaded while another build replaces it.
// (Code splitting would keep ssh2 in a lazy chunk, ~4 MiB less RSS, but a rebuild would delete
// the chunk a running BFF has yet to load.)
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const appDir = import.meta.dirname;
const outdir = path.join(appDir, 'dist');

/** Native addons (and the optional ones that packages try to load) are never bundled. */
export const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', 'pg-native', 'cpu-features', 'bufferutil', 'utf-8-validate'];

const result = await build({
  absWorkingDir: appDir,
  entryPoints: { main: 'src/main.ts' },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // Bundled CommonJS packages call require() for Node's built-ins (pg, ws, ssh2) and read
  // __dirname (ssh2's poly1305), which an ES module does not have.
  banner: {
    js: [
      "import { createRequire as __vdCreateRequire } from 'node:module';",
      "import { fileURLToPath as __vdFileURLToPath } from 'node:url';",
      'const require = __vdCreateRequire(import.meta.url);',
      'const __filename = __vdFileURLToPath(import.meta.url);',
      "const __dirname = __vdFileURLToPath(new URL('.', import.meta.url));",
    ].join(' '),
  },
  // Less code for V8 to parse and keep; names stay readable in stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});

mkdirSync(outdir, { recursive: true });
const written = new Set();
for (const file of result.outputFiles) {
  const temp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
  written.add(path.basename(file.path));
}
// What an earlier build left that this one did not write (another build's temp files stay).
for (const name of readdirSync(outdir)) {
  if (!written.has(name) && !name.endsWith('.tmp')) rmSync(path.join(outdir, name), { force: true });
}
const main = result.outputFiles.find((f) => f.path.endsWith('main.js'));
console.log(`[bff build] dist/main.js: ${((main?.contents.length ?? 0) / 1024).toFixed(0)} KiB`);
