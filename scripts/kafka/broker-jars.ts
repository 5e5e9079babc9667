import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { kafkaVersion } from './kafka-version.js';

const run = promisify(execFile);
const pomFile = join(dirname(fileURLToPath(import.meta.url)), 'pom.xml');
/** Written last: a cache directory without it is a download that was interrupted, and is fetched again. */
const completeMarker = '.complete';

export interface BrokerJars {
  readonly version: string;
  /** Directory holding every jar the broker needs: the Java class path is `<libs>/*`. */
  readonly libs: string;
  /** Milliseconds spent downloading; 0 when the cache already had them. */
  readonly downloadMs: number;
}

export const defaultCacheRoot = (): string => join(homedir(), '.cache', 'omnistream', 'kafka');

/**
 * Makes sure the Apache Kafka broker jars are in the cache (`<cacheRoot>/<version>/libs`), fetching them from
 * Maven Central with Maven the first time. There is no Docker and no Kafka tarball mirror on CI machines, but
 * Maven Central is always reachable and Maven resolves exactly the runtime dependencies of kafka_2.13.
 */
export const ensureBrokerJars = async (
  options: { readonly version?: string; readonly cacheRoot?: string } = {},
): Promise<BrokerJars> => {
  const version = options.version ?? kafkaVersion;
  const home = join(options.cacheRoot ?? defaultCacheRoot(), version);
  const libs = join(home, 'libs');
  if (existsSync(join(libs, completeMarker))) return { version, libs, downloadMs: 0 };

  const started = performance.now();
  const staging = join(home, `libs.download-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  try {
    await run(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        pomFile,
        `-Dkafka.version=${version}`,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${staging}`,
        '-DincludeScope=runtime',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    const output =
      error instanceof Error && 'stdout' in error ? String((error as { stdout: unknown }).stdout) : '';
    throw new Error(
      `could not fetch the Kafka ${version} broker jars with Maven: ${String(error)}\n${output}`,
      {
        cause: error,
      },
    );
  }
  await writeFile(join(staging, completeMarker), `${new Date().toISOString()}\n`);
  await rm(libs, { recursive: true, force: true });
  await rename(staging, libs);
  return { version, libs, downloadMs: Math.round(performance.now() - started) };
};
