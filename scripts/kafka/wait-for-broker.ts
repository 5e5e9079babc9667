import { Admin } from '@platformatic/kafka';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * One real round trip: ApiVersions then Metadata through @platformatic/kafka, the client the bus uses. A bound
 * port alone proves nothing; the broker only answers Metadata with itself in it once KRaft has elected it.
 */
export const brokerAnswers = async (host: string, port: number): Promise<boolean> => {
  const admin = new Admin({
    clientId: 'omnistream-broker-probe',
    bootstrapBrokers: [`${host}:${port}`],
    connectTimeout: 1_000,
    requestTimeout: 2_000,
    retries: 0,
  });
  try {
    const metadata = await admin.metadata({ topics: [] });
    return metadata.brokers.size > 0;
  } catch {
    return false;
  } finally {
    await admin.close().catch(() => undefined);
  }
};

/** Polls until the broker answers; `stillAlive` ends the wait early when the process has already died. */
export const waitForBroker = async (
  host: string,
  port: number,
  timeoutMs: number,
  stillAlive: () => Promise<boolean>,
): Promise<'ready' | 'died' | 'timeout'> => {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await brokerAnswers(host, port)) return 'ready';
    if (!(await stillAlive())) return 'died';
    if (performance.now() > deadline) return 'timeout';
    await sleep(250);
  }
};
