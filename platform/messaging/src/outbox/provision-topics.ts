import type { Bus, TopicSpec } from '../bus.js';

/**
 * Creates the configured topics that are missing (see parseTopicsConfig). Run by the composition root before the
 * relay and consumers start: a topic first created by use gets the bus's default partition count for good.
 */
export const provisionTopics = async (bus: Bus, topics: readonly TopicSpec[]): Promise<void> => {
  if (topics.length > 0) await bus.provision(topics);
};
