import { DomainError, isDomainError } from '@omnistream/kernel';
import { parseTopicsArgs, TOPICS_USAGE } from './parse-topics-args.js';
import type { TopicRegistry } from './topic-registry.js';

export interface TopicsCliDeps {
  /** Built by the caller: it knows the schema registry and the bus a put provisions on (see TopicRegistry). */
  readonly registry: TopicRegistry;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** `omnistream topics list|show|put`; answers the exit code (0 done, 1 refused, 2 usage). */
export const topicsCli = async (args: readonly string[], deps: TopicsCliDeps): Promise<number> => {
  const command = parseTopicsArgs(args);
  try {
    switch (command.kind) {
      case 'help':
        deps.stdout(TOPICS_USAGE);
        return 0;
      case 'usage_error':
        deps.stderr(`${command.message}\n\n${TOPICS_USAGE}`);
        return 2;
      case 'list':
        deps.stdout(json({ topics: await deps.registry.list() }));
        return 0;
      case 'show': {
        const topic = await deps.registry.get(command.name);
        if (topic === undefined)
          throw new DomainError('TOPIC_NOT_FOUND', `no topic ${command.name} is registered`);
        deps.stdout(json(topic));
        return 0;
      }
      case 'put':
        deps.stdout(json(await deps.registry.put(command.name, command.spec, command.expectedVersion)));
        return 0;
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    deps.stderr(json({ code: error.code, detail: error.message }));
    return 1;
  }
};
