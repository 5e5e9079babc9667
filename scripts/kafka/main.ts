/**
 * `npm run kafka:start` / `npm run kafka:stop`: the shared dev/CI broker on 127.0.0.1:9092, state in ./.kafka.
 * OMNISTREAM_KAFKA_DIR, OMNISTREAM_KAFKA_PORT and OMNISTREAM_KAFKA_CONTROLLER_PORT override the defaults.
 */
import { resolve } from 'node:path';
import { startBroker, stopBroker } from './broker.js';

const command = process.argv[2];
const dir = resolve(process.env.OMNISTREAM_KAFKA_DIR ?? '.kafka');
const port = Number(process.env.OMNISTREAM_KAFKA_PORT ?? 9092);
const controllerPort = Number(process.env.OMNISTREAM_KAFKA_CONTROLLER_PORT ?? port + 1);

const main = async (): Promise<void> => {
  if (command === 'start') {
    const broker = await startBroker({ dir, port, controllerPort });
    const fetched =
      broker.downloadMs > 0 ? `, jars fetched in ${(broker.downloadMs / 1000).toFixed(1)} s` : '';
    const how = broker.alreadyRunning
      ? 'already running'
      : `started in ${(broker.startMs / 1000).toFixed(1)} s`;
    console.log(
      `Kafka broker ${how} on ${broker.bootstrap} (pid ${broker.pid}${fetched}; log ${broker.logFile})`,
    );
  } else if (command === 'stop') {
    const stopped = await stopBroker({ dir });
    console.log(stopped ? `Kafka broker for ${dir} stopped` : `no Kafka broker running for ${dir}`);
  } else {
    console.error('usage: tsx scripts/kafka/main.ts start|stop');
    process.exitCode = 2;
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
