import { DomainError } from '@omnistream/kernel';

/** A topic name, or a pattern of one where `*` stands for any run of characters: `orders.*`, `*`. */
const PATTERN = /^[A-Za-z0-9._*-]{1,249}$/;

export const assertTopicPattern = (pattern: string): string => {
  if (!PATTERN.test(pattern))
    throw new DomainError(
      'INVALID_TOPIC_PATTERN',
      `${JSON.stringify(pattern)} is not a topic pattern: letters, digits, ".", "_", "-" and "*" for any run of them`,
    );
  return pattern;
};

/** Whether any of the patterns takes the topic. */
export const matchesAny = (patterns: readonly string[], topic: string): boolean =>
  patterns.some((pattern) =>
    new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*')}$`).test(topic),
  );
