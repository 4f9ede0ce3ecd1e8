// Reads the JSON reports of vitest and Playwright and the step log written by test-all.sh,
// prints one line per failure and the plain "N passed, N failed" line CI reads; exits 1 on any failure.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  if (report.stats && 'expected' in report.stats) {
    // Playwright
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    if (report.stats.unexpected > 0) failures.push(`${file}: ${report.stats.unexpected} browser test(s) failed`);
  } else if ('numPassedTests' in report) {
    // vitest
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    for (const suite of report.testResults ?? []) {
      for (const t of suite.assertionResults ?? []) {
        if (t.status === 'failed') failures.push(`${path.relative(process.cwd(), suite.name)}: ${t.fullName}`);
      }
      if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) {
        failed += 1;
        failures.push(`${path.relative(process.cwd(), suite.name)}: ${suite.message || 'failed to load'}`);
      }
    }
  }
}

const reported = ['unit and integration tests', 'browser tests'];
const steps = existsSync(path.join(dir, 'steps')) ? readFileSync(path.join(dir, 'steps'), 'utf8').trim().split('\n') : [];
for (const line of steps) {
  // Steps whose tests wrote reports are counted test by test; the others count as one check each.
  const [status, ...rest] = line.split(' ');
  const name = rest.join(' ');
  if (status === 'FAILED') failures.push(`step: ${name}`);
  if (reported.includes(name)) continue;
  if (status === 'FAILED') failed += 1;
  else passed += 1;
}

if (failures.length) {
  console.log('\nFailures:');
  for (const f of failures) console.log(`  - ${f}`);
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || steps.some((l) => l.startsWith('FAILED')) ? 1 : 0);
