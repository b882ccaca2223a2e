// The main job on the embedded sample bundle: analyse it, print the verdicts, and write the findings
// sheet (HTML always, PDF when a Chromium/Chrome/Edge is installed) into out/. A failing check is a
// finding, not a failure of this script: it exits non-zero only when the analysis itself cannot run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli/mtr-doctor.js');
const out = path.join(root, 'out');
mkdirSync(out, { recursive: true });
// The embedded default: the catalog's default sample bundle in assets/samples.
const samples = path.join(root, 'assets', 'samples');
const catalog = JSON.parse(readFileSync(path.join(samples, 'catalog.json'), 'utf8'));
const fallback = path.join(samples, catalog.samples.find((s) => s.id === catalog.default).file);
const bundle = [process.argv[2] ? path.resolve(process.argv[2]) : fallback];
console.log(`Analysing ${path.relative(process.cwd(), bundle[0])}\n`);

const run = (args, stdio = 'inherit') => spawnSync(process.execPath, [cli, 'analyze', ...bundle, ...args], { stdio, encoding: 'utf8' });
const text = run(['--format', 'text']);
if (text.status !== 0 && text.status !== 1) process.exit(text.status ?? 3);
const html = run(['--format', 'html', '--out', path.join(out, 'findings.html')]);
if (html.status !== 0 && html.status !== 1) process.exit(html.status ?? 3);
const pdf = run(['--format', 'pdf', '--out', path.join(out, 'findings.pdf')], 'pipe');
if (pdf.status === 0 || pdf.status === 1) console.log(`\nFindings sheet: ${path.relative(process.cwd(), path.join(out, 'findings.pdf'))} and findings.html`);
else console.log(`\nFindings sheet: ${path.relative(process.cwd(), path.join(out, 'findings.html'))} (no PDF: ${pdf.stderr.trim().replace(/^mtr-doctor: /, '')})`);
console.log(
  text.status === 1
    ? 'Verdict: not an all-clear: a check fails or could not be decided (exit code 1 from `mtr-doctor analyze`).'
    : 'Verdict: all clear: every check passes on positive evidence (exit code 0).',
);
