import fs from 'node:fs';
import path from 'node:path';
import { formatTable } from '../io/textTable';
import { projectPath } from '../io/project';
import { loadScenario } from '../scenario';

// `waterbed scenarios`: the scenario library, one line each.

export interface LibraryEntry {
  file: string;
  name: string;
  summary: string;
}

export function scenarioLibrary(dir = projectPath('scenarios')): LibraryEntry[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      const s = loadScenario(file);
      // The first sentence of the description.
      const summary = s.description.replace(/\s+/g, ' ').trim().split(/(?<=\.)\s/)[0];
      return { file: path.relative(process.cwd(), file), name: s.name, summary };
    });
}

export function scenariosCommand(log: (line: string) => void): number {
  for (const line of formatTable([['scenario', 'file', 'what it is'], ...scenarioLibrary().map((e) => [e.name, e.file, e.summary])], { align: ['left', 'left', 'left'] })) log(line);
  return 0;
}
