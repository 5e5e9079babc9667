/**
 * The ingest load generator, in its own process so that it does not share the server's event loop: `concurrency`
 * keep-alive connections, each sending its next request as soon as the last is answered, for `durationMs`, and
 * checking every answer (status and body) as the producer would. The inventory generator
 * (../inventory/http-load-process.ts) sends neither headers nor per-request keys, and does not read bodies.
 */
import { Agent, request } from 'node:http';
import type { LoadRequest } from './load-request.js';
import { fillIn } from './load-request.js';
import { failureOf } from './response-check.js';

interface LoadConfig extends LoadRequest {
  readonly concurrency: number;
  readonly durationMs: number;
}

const FAILURE_SAMPLE_CHARS = 300;

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
const agent = new Agent({ keepAlive: true, maxSockets: config.concurrency });
const target = new URL(config.url);
let counter = 0;

const send = () =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    counter += 1;
    const n = counter;
    const body = config.body === undefined ? undefined : fillIn(config.body, n);
    const headers: Record<string, string | number> = Object.fromEntries(
      Object.entries(config.headers).map(([name, value]) => [name, fillIn(value, n)]),
    );
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: config.method,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const run = async () => {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const failures: Record<string, number> = {};
  let firstFailedBody: string | undefined;
  let ok = 0;
  const started = performance.now();
  const end = started + config.durationMs;
  await Promise.all(
    Array.from({ length: config.concurrency }, async () => {
      while (performance.now() < end) {
        const before = performance.now();
        const { status, body } = await send();
        latencies.push(performance.now() - before);
        statuses[status] = (statuses[status] ?? 0) + 1;
        const failure = failureOf(config.check, status, body);
        if (failure === undefined) ok += 1;
        else {
          failures[failure] = (failures[failure] ?? 0) + 1;
          firstFailedBody ??= body.slice(0, FAILURE_SAMPLE_CHARS);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  process.send?.({
    requests: latencies.length,
    seconds,
    statuses,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    ok,
    failures,
    ...(firstFailedBody === undefined ? {} : { firstFailedBody }),
  });
  agent.destroy();
};

void run();
