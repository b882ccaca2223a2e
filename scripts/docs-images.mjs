// Refreshes docs/images from the wizard: runs the screenshot test, then copies its PNGs. Look at each one.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
execFileSync('npx', ['vitest', 'run', 'tests/e2e/docs-screenshots.test.ts'], { cwd: root, stdio: 'inherit' });
const from = path.join(root, 'test-results', 'docs-images');
const to = path.join(root, 'docs', 'images');
mkdirSync(to, { recursive: true });
for (const f of readdirSync(from).filter((n) => n.endsWith('.png'))) {
  copyFileSync(path.join(from, f), path.join(to, f));
  console.log(`docs/images/${f}`);
}
