import path from 'node:path';
import { writeReport } from './writeReport';

// `waterbed report DIR`: (re)builds DIR/report.html from the results folder's documented files.

export async function reportCommand(dir: string, log: (l: string) => void): Promise<number> {
  const file = await writeReport(dir);
  log(`report: ${path.relative(process.cwd(), file) || file}`);
  return 0;
}
