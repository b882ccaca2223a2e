// After `vitest run`: fails unless every named test file ran and all its tests passed (none skipped).
// The release workflow uses it so the real-Electron smoke test cannot quietly skip on a runner.
//   node scripts/check-test-report.mjs tests/e2e/smoke.electron.test.ts [more files…]
import { readFileSync } from 'node:fs';
import path from 'node:path';

const report = JSON.parse(readFileSync(path.resolve('test-results/vitest.json'), 'utf8'));
const wanted = process.argv.slice(2);
if (wanted.length === 0) {
  console.error('usage: node scripts/check-test-report.mjs <test file>…');
  process.exit(2);
}
let ok = true;
for (const file of wanted) {
  const results = report.testResults.filter((f) => f.name.replaceAll('\\', '/').endsWith(`/${file}`));
  const tests = results.flatMap((f) => f.assertionResults);
  const notPassed = tests.filter((t) => t.status !== 'passed');
  if (tests.length === 0 || notPassed.length > 0) {
    ok = false;
    console.error(`${file}: ${tests.length === 0 ? 'did not run' : notPassed.map((t) => `${t.status}: ${t.fullName}`).join('; ')}`);
  } else console.log(`${file}: ${tests.length} passed`);
}
process.exit(ok ? 0 : 1);
