// `npm start`: launches the desktop app when an Electron binary is available. Electron's binary is
// downloaded on first use, which cannot happen on an offline or locked-down machine: then say so
// plainly and point to the CLI, which runs the same engine without Electron.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function electronBinary() {
  const exe = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return existsSync(path.join(override, exe)) ? path.join(override, exe) : null;
  const pathTxt = path.join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathTxt)) return null;
  const bin = path.join(root, 'node_modules/electron/dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const bin = electronBinary();
if (!bin) {
  console.error(
    [
      'MTR Doctor: the Electron binary is not available on this machine, so the desktop app cannot start.',
      '  Electron downloads its binary on first use; here that download is not possible.',
      '  On a machine with internet access, run `npx electron --version` once (or set ELECTRON_OVERRIDE_DIST_PATH',
      '  to an unpacked Electron 45), then `npm start` again.',
      '',
      'The same engine runs headless right now:',
      '  node dist/cli/mtr-doctor.js analyze                 # the embedded sample bundle',
      '  node dist/cli/mtr-doctor.js analyze <bundle.zip> --format pdf --out findings.pdf',
    ].join('\n'),
  );
  process.exit(1);
}
const child = spawn(bin, [path.join(root, 'dist/main/index.js')], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
