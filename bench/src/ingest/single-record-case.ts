import type { BenchResult } from '../bench-report.js';
import { startBareHttpServer } from '../inventory/bare-http-server.js';
import { requestsPerSecond } from '../inventory/run-http-load.js';
import type { CaseOutcome, IngestContext } from './ingest-context.js';
import { singleRecordRequest } from './produce-requests.js';
import { failedCount, runIngestLoad } from './run-ingest-load.js';
import { sendOnce } from './send-once.js';

export const SINGLE_RECORD_CASE = 'single-record produce (v3)';
const TARGET_RATIO = 0.6;

/** A v3 answer of the usual size, for the ceiling when the proxy gives no sample (its routes are not served). */
const standInAnswer = (topic: string) =>
  JSON.stringify({
    error_code: 200,
    cluster_id: 'stand-in-cluster-id-000',
    topic_name: topic,
    partition_id: 0,
    offset: 0,
    timestamp: '2026-01-01T00:00:00.000Z',
    key: { type: 'STRING', size: 12 },
    value: { type: 'JSON', size: 180 },
  });

/**
 * Single-record produce over REST v3, closed loop, against node's bare HTTP server answering the same body size
 * under the same load generator (same headers, same request body, same answer check). `clusterId` undefined or
 * `missing` set: the proxy is not served yet; the ceiling is still measured and the case says why it is not.
 */
export const singleRecordCase = async (
  context: IngestContext,
  cluster: { readonly clusterId: string } | { readonly missing: string },
): Promise<CaseOutcome<BenchResult>> => {
  const { target, concurrency, durationMs } = context;
  const request = (prefix: string) =>
    singleRecordRequest(target, 'clusterId' in cluster ? cluster.clusterId : 'unknown', prefix);
  const subject = request('one');
  const sample = 'clusterId' in cluster ? await sendOnce(subject, 0) : undefined;
  const missing =
    'missing' in cluster
      ? cluster.missing
      : sample?.failure === undefined
        ? undefined
        : `sample request failed: ${sample.failure}: ${sample.body.slice(0, 200)}`;
  const bare = await startBareHttpServer(
    sample !== undefined && sample.failure === undefined ? sample.body : standInAnswer(target.topic),
  );
  try {
    context.log(`  ceiling: bare node:http, ${concurrency} connections`);
    const ceiling = await runIngestLoad({ ...subject, url: bare.url }, { concurrency, durationMs });
    const top = requestsPerSecond(ceiling);
    const common = {
      case: SINGLE_RECORD_CASE,
      adapter: 'postgres+kafka',
      unit: 'requests/s',
      ceiling: Math.round(top),
      ceilingP50Ms: ceiling.p50Ms,
      ceilingP99Ms: ceiling.p99Ms,
    };
    if (missing !== undefined) {
      context.log(`  NOT MEASURED: ${missing}`);
      return {
        result: { ...common, value: 0, ratio: 0, notes: `NOT MEASURED: ${missing}` },
        acknowledged: 0,
      };
    }
    context.log(`  warm-up ${context.warmupMs / 1000} s, then measured ${durationMs / 1000} s`);
    const warm = await runIngestLoad(request('warm-one'), { concurrency, durationMs: context.warmupMs });
    const measured = await runIngestLoad(subject, { concurrency, durationMs });
    const value = requestsPerSecond(measured);
    const ratio = top === 0 ? 0 : value / top;
    const errors = failedCount(measured);
    return {
      result: {
        ...common,
        value: Math.round(value),
        ratio: Number(ratio.toFixed(3)),
        p50Ms: measured.p50Ms,
        p99Ms: measured.p99Ms,
        notes:
          `${concurrency} keep-alive connections from a separate process, closed loop, Basic auth, JSON Schema validation, 2 tokenized fields; ` +
          `statuses ${JSON.stringify(measured.statuses)}; errors ${errors} (non-2xx or error_code != 200)` +
          `${errors === 0 ? '' : ` ${JSON.stringify(measured.failures)}, first: ${measured.firstFailedBody ?? ''}`}; ` +
          `ceiling: bare node:http answering the same body, same load generator; target ratio >= ${TARGET_RATIO} ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'}`,
      },
      acknowledged: 1 + warm.ok + measured.ok,
    };
  } finally {
    await bare.close();
  }
};
