import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import os from 'node:os';
import type { BenchEnvironment } from './bench-report.js';

/** The installed version of a package, found by walking up from its entry point to its package.json. */
export const packageVersion = async (name: string): Promise<string | null> => {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve(name));
    while (dir !== dirname(dir)) {
      try {
        const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
          name?: string;
          version?: string;
        };
        if (manifest.name === name) return manifest.version ?? null;
      } catch {
        // no package.json here: keep walking up
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return null;
};

export const describeEnvironment = (fields: {
  quick: boolean;
  postgres: string | null;
  pglite: string | null;
}): BenchEnvironment => ({
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  postgres: fields.postgres,
  pglite: fields.pglite,
  quick: fields.quick,
  date: new Date().toISOString(),
});
