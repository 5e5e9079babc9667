import type { IncomingMessage } from '../bus.js';

/**
 * Runs `work` over a batch with per-key order and up to `concurrency` keys at once: one key's messages run one
 * after the other, in offset order, while other keys of the same partition proceed beside them (key-level
 * parallelism, as Confluent's parallel consumer calls it). Order is only promised per key, so this keeps every
 * promise while a slow or retried message no longer holds up unrelated entities.
 */
export const forEachByKey = async (
  messages: readonly IncomingMessage[],
  concurrency: number,
  work: (message: IncomingMessage) => Promise<void>,
): Promise<void> => {
  // A keyless message (Kafka's null key) has no order to keep: it is a chain of its own.
  const chains = new Map<string | IncomingMessage, IncomingMessage[]>();
  for (const message of messages) {
    const chain = chains.get(message.key ?? message);
    if (chain === undefined) chains.set(message.key ?? message, [message]);
    else chain.push(message);
  }
  const queue = [...chains.values()];
  const runChains = async (): Promise<void> => {
    for (let chain = queue.shift(); chain !== undefined; chain = queue.shift())
      for (const message of chain) await work(message);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, runChains));
};
