import type { Bus, IncomingMessage } from './bus.js';

/** A namespace: lower-case letters, digits, `_` and `-`, starting with a letter or digit. */
const NAMESPACE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * Several deployments on one Kafka cluster (staging beside production, or test runs on a shared broker): every
 * topic and consumer group of this bus gets `<namespace>.` in front of its name on the broker, and loses it again
 * on the way back, so nothing above the bus port (the relay, the consumer runtime, dead letters) sees it.
 */
export const namespacedBus = (bus: Bus, namespace: string): Bus => {
  if (!NAMESPACE.test(namespace))
    throw new Error(
      `bus namespace ${JSON.stringify(namespace)} must be 1 to 64 lower-case letters, digits, _ or -, starting with a letter or digit`,
    );
  const prefix = `${namespace}.`;
  const outside = (name: string) => `${prefix}${name}`;
  const inside = (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
  return {
    kind: bus.kind,
    provision: (topics) => bus.provision(topics.map((topic) => ({ ...topic, name: outside(topic.name) }))),
    publish: async (messages) =>
      (await bus.publish(messages.map((message) => ({ ...message, topic: outside(message.topic) })))).map(
        (report) => ({ ...report, topic: inside(report.topic) }),
      ),
    consume: async (options) => {
      const running = await bus.consume({
        ...options,
        group: outside(options.group),
        topics: options.topics.map(outside),
        handle: (messages) =>
          options.handle(
            messages.map((message): IncomingMessage => ({ ...message, topic: inside(message.topic) })),
          ),
      });
      return {
        group: options.group,
        lag: async () =>
          (await running.lag()).map((lag) => ({
            ...lag,
            group: inside(lag.group),
            topic: inside(lag.topic),
          })),
        stop: () => running.stop(),
      };
    },
    close: () => bus.close(),
  };
};
