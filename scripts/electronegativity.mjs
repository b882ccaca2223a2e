// Runs Doyensec's Electronegativity over the code that ships (main/, preload/, renderer/) and fails on
// any finding above INFORMATIONAL. Electronegativity itself always exits 0, so this wrapper reads its CSV.
// Suppressions are inline `eng-disable` comments, each with the reason next to it.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stage = await mkdtemp(path.join(os.tmpdir(), 'mtr-eng-'));
try {
  for (const part of ['main', 'preload', 'renderer', 'package.json']) {
    await cp(path.join(root, part), path.join(stage, part), { recursive: true });
  }
  const out = path.join(stage, 'findings.csv');
  const bin = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  // -e: the pinned Electron version, so the tool does not need the network to look it up.
  const electron = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')).devDependencies.electron;
  await promisify(execFile)(process.execPath, [bin, '-i', stage, '-o', out, '-r', '-e', electron], { maxBuffer: 16 * 1024 * 1024 });
  const rows = (await readFile(out, 'utf8'))
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const [issue, severity, confidence, file, location] = l.split(',');
      return { issue, severity: severity.replace(/"/g, ''), confidence: confidence.replace(/"/g, ''), file: file.replace(/"/g, ''), location: location.replace(/"/g, ''), line: l };
    });
  const serious = rows.filter((r) => r.severity !== 'INFORMATIONAL');
  for (const r of rows) console.log(`${r.severity.padEnd(13)} ${r.issue} ${r.file}:${r.location} (${r.confidence})`);
  if (serious.length > 0) {
    console.error(`electronegativity: ${serious.length} finding(s) above INFORMATIONAL`);
    process.exitCode = 1;
  } else {
    console.log(`electronegativity: no findings above INFORMATIONAL (${rows.length} informational)`);
  }
} finally {
  await rm(stage, { recursive: true, force: true });
}
