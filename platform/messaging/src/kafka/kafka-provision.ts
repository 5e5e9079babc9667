import { type Admin, GenericError } from '@platformatic/kafka';
import type { TopicSpec } from '../bus.js';

const alreadyExists = (error: unknown): boolean =>
  error instanceof Error &&
  GenericError.isGenericError(error) &&
  (error as GenericError).findBy('apiId', 'TOPIC_ALREADY_EXISTS') !== null;

/**
 * Creates the topics that do not exist yet. An existing topic is left exactly as it is: changing partitions or
 * configs of a live topic is an operator's decision (more partitions move keys to other partitions).
 */
export const provisionTopics = async (admin: Admin, topics: readonly TopicSpec[]): Promise<void> => {
  if (topics.length === 0) return;
  const existing = new Set(await admin.listTopics());
  for (const spec of topics) {
    if (existing.has(spec.name)) continue;
    const config: Record<string, string> = { ...spec.config };
    if (spec.retentionMs !== undefined) config['retention.ms'] = String(spec.retentionMs);
    try {
      await admin.createTopics({
        topics: [spec.name],
        partitions: spec.partitions,
        replicas: spec.replicationFactor,
        configs: Object.entries(config).map(([name, value]) => ({ name, value })),
      });
    } catch (error) {
      // Another process provisioned it between our list and our create: that is the outcome we wanted.
      if (!alreadyExists(error)) throw error;
    }
  }
};
