import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchReport } from './bench-report.js';
import { serializeReport } from './serialize-report.js';

const RESULTS = new URL('../results/', import.meta.url);

/** Writes `bench/results/<name>.json` and returns its path. */
export const writeReport = async (report: BenchReport): Promise<string> => {
  await mkdir(RESULTS, { recursive: true });
  const file = new URL(`${report.name}.json`, RESULTS);
  await writeFile(file, serializeReport(report));
  return fileURLToPath(file);
};
