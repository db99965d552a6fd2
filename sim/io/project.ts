import fs from 'node:fs';
import path from 'node:path';

// The project root, found from this file whether it runs from sim/ (ts-node, vitest) or dist/sim/.
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'sim'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('waterbed: cannot find the project root (package.json) above ' + __dirname);
    dir = up;
  }
}

export function projectPath(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}

export function toolVersion(): string {
  return JSON.parse(fs.readFileSync(projectPath('package.json'), 'utf8')).version as string;
}
