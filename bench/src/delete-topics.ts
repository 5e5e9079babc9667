import { Admin } from '@platformatic/kafka';

/**
 * Deletes the run's topics from the broker: every run makes fresh ones (so the watermark check counts only its own
 * records), and a local broker should not keep hundreds of megabytes per run. Best effort, one topic at a time (a
 * run that failed early never made some of them): answers the topics it could not delete.
 */
export const deleteTopics = async (
  brokers: readonly string[],
  topics: readonly string[],
): Promise<string[]> => {
  const admin = new Admin({ clientId: 'omnistream-bench-cleanup', bootstrapBrokers: [...brokers] });
  const left: string[] = [];
  try {
    for (const topic of topics)
      await admin.deleteTopics({ topics: [topic] }).catch(() => {
        left.push(topic);
      });
    return left;
  } finally {
    await admin.close();
  }
};
