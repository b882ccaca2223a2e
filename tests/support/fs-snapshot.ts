// Lists every file under a directory, to prove what a test run wrote and where.
import { existsSync, readdirSync, lstatSync } from 'node:fs';
import path from 'node:path';

export function listFiles(root: string): string[] {
  // A root that is gone holds nothing (AppTemp removes a root it made once it is empty).
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const st = lstatSync(full);
      if (st.isDirectory()) walk(full);
      else out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}
