import { Agent, request } from 'node:http';

/**
 * The load generator, in its own process so that it does not share the server's event loop: `concurrency`
 * keep-alive connections, each sending its next request as soon as the last is answered, for `durationMs`.
 * Bodies may contain `{n}`, replaced by a number unique within the run (reservation ids), and `{m}`, that number
 * modulo 1000 (one of 1,000 SKUs).
 */
interface LoadConfig {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly body?: string;
  readonly concurrency: number;
  readonly durationMs: number;
  /**
   * Open loop: requests are offered at this rate whatever the answers take (at most `concurrency` in flight), and
   * each latency runs from when the request was due, so a slow server's queueing counts (no coordinated omission).
   */
  readonly ratePerSecond?: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
const agent = new Agent({ keepAlive: true, maxSockets: config.concurrency });
const target = new URL(config.url);
let counter = 0;

const send = () =>
  new Promise<number>((resolve, reject) => {
    counter += 1;
    const body = config.body?.replaceAll('{n}', String(counter)).replaceAll('{m}', String(counter % 1000));
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: config.method,
        headers:
          body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const run = async () => {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const end = performance.now() + config.durationMs;
  const started = performance.now();
  const rate = config.ratePerSecond;
  let slot = 0;
  await Promise.all(
    Array.from({ length: config.concurrency }, async () => {
      while (performance.now() < end) {
        let at = performance.now();
        if (rate !== undefined) {
          at = started + (slot * 1000) / rate;
          slot += 1;
          if (at >= end) break;
          const wait = at - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const status = await send();
        latencies.push(performance.now() - at);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  process.send?.({ requests: latencies.length, seconds, statuses, p50Ms: at(0.5), p99Ms: at(0.99) });
  agent.destroy();
};

void run();
