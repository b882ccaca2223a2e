// Where the app's files are: next to the built code in development, in resources/ when packaged.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository (or app.asar) root: dist/<part>/file.js lives two levels below it. */
export function packageRoot(fromDir: string = __dirname): string {
  let dir = fromDir;
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(fromDir, '..', '..');
}

export function assetsDir(resourcesPath?: string): string {
  // electron-builder copies assets/ to resources/assets (extraResources), outside the asar.
  if (resourcesPath && existsSync(path.join(resourcesPath, 'assets'))) return path.join(resourcesPath, 'assets');
  return path.join(packageRoot(), 'assets');
}

export function rendererDir(): string {
  return path.join(packageRoot(), 'dist', 'renderer');
}
