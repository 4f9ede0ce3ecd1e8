// Reads the JSON reports of vitest and Playwright and the step log written by test-all.sh,
// prints one line per failure and per skip, and the plain "N passed, N failed, N skipped" line CI
// reads; exits 1 on any failure.
//   - Every workspace package with a "test" script, and e2e, must have written its report: a
//     suite that crashed before reporting counts as failed, never as absent.
//   - Under CI (CI=true) a skipped test is a failure unless scripts/expected-skips.mjs names it,
//     with the reason printed here.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectedSkips } from './expected-skips.mjs';

const dir = process.argv[2];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const strictSkips = process.env.CI === 'true' || process.env.CI === '1';
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
const skips = [];

/** The suites that must report: each workspace package with a test script, by folder name. */
function expectedSuites() {
  const suites = [];
  for (const group of ['apps', 'packages', 'tooling']) {
    const base = path.join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const manifest = path.join(base, name, 'package.json');
      if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test) suites.push(name);
    }
  }
  return [...suites, 'e2e'];
}

/** A skipped test: allowed when expected-skips names it; under CI an unexpected one fails. */
function skip(suite, name, reason) {
  const known = expectedSkips.find((s) => s.suite === suite && name.includes(s.test));
  const why = known?.reason ?? reason ?? 'no reason given';
  if (strictSkips && !known) {
    failed += 1;
    failures.push(`${suite}: "${name}" was skipped (${why}) and is not an expected skip (scripts/expected-skips.mjs)`);
  } else {
    skipped += 1;
    skips.push(`${suite}: "${name}": ${why}`);
  }
}

function playwright(suite, report) {
  const walk = (node, titles) => {
    for (const child of node.suites ?? []) walk(child, [...titles, child.title]);
    for (const spec of node.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const name = [...titles, spec.title].filter(Boolean).join(' › ');
        const status = t.status; // expected | unexpected | flaky | skipped
        if (status === 'skipped') {
          const note = (t.annotations ?? []).find((a) => a.type === 'skip' || a.type === 'fixme');
          skip(suite, name, note?.description);
        } else if (status === 'unexpected') {
          failed += 1;
          failures.push(`${suite}: ${name}`);
        } else passed += 1;
      }
    }
  };
  walk(report, []);
  for (const e of report.errors ?? []) {
    failed += 1;
    failures.push(`${suite}: ${String(e.message ?? e).split('\n')[0]}`);
  }
}

function vitest(suite, report) {
  for (const file of report.testResults ?? []) {
    const rel = path.relative(root, file.name);
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'passed') passed += 1;
      else if (t.status === 'failed') {
        failed += 1;
        failures.push(`${rel}: ${t.fullName}`);
      } else skip(suite, t.fullName, undefined);
    }
    if (file.status === 'failed' && (file.assertionResults ?? []).every((t) => t.status !== 'failed')) {
      // A file that failed to load, or failed in a hook, has no failed test of its own to count.
      failed += 1;
      failures.push(`${rel}: ${(file.message || 'failed outside its tests').split('\n')[0]}`);
    }
  }
}

for (const suite of expectedSuites()) {
  const file = path.join(dir, `${suite}.json`);
  if (!existsSync(file)) {
    failed += 1;
    failures.push(`${suite}: the suite wrote no report (it crashed, or never ran)`);
    continue;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    failed += 1;
    failures.push(`${suite}: its report is not JSON (${e.message})`);
    continue;
  }
  if (report.stats && 'expected' in report.stats) playwright(suite, report);
  else vitest(suite, report);
}

// Steps whose tests wrote reports are counted test by test; the others count as one check each.
const reported = ['unit and integration tests', 'browser tests'];
const steps = existsSync(path.join(dir, 'steps')) ? readFileSync(path.join(dir, 'steps'), 'utf8').trim().split('\n') : [];
for (const line of steps) {
  const [status, ...rest] = line.split(' ');
  const text = rest.join(' ');
  if (status === 'SKIPPED') {
    const [name, ...why] = text.split(': ');
    skip('steps', name, why.join(': '));
    continue;
  }
  if (status === 'FAILED') failures.push(`step: ${text}`);
  if (reported.includes(text)) continue;
  if (status === 'FAILED') failed += 1;
  else passed += 1;
}

if (skips.length) {
  console.log('\nSkipped:');
  for (const s of skips) console.log(`  - ${s}`);
}
if (failures.length) {
  console.log('\nFailures:');
  for (const f of failures) console.log(`  - ${f}`);
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || steps.some((l) => l.startsWith('FAILED')) ? 1 : 0);
