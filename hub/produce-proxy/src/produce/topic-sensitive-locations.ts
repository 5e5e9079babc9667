import type { SensitiveKind, SensitiveLocation } from '@omnistream/tokenization';
import { PROXY_ERRORS, ProxyError } from './proxy-error.js';

/** A property name, or '*' for every item of an array. */
type Step = string;

/** `$.customer.email`, `$.lines[*].phone` (the topic registry's path syntax) as steps. */
const stepsOf = (path: string): Step[] =>
  [...path.slice(1).matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[\*\]/g)].map((m) => m[1] ?? '*');

/**
 * The values at a topic's sensitive paths (its registration's `sensitiveFields`), beside those its schema marks
 * with x-omnistream-sensitive. A path that is absent in a record is skipped; a value that is neither text nor a
 * number there is refused rather than sent in the clear.
 */
export const topicSensitiveLocations = (
  fields: Readonly<Record<string, SensitiveKind>>,
  value: unknown,
): SensitiveLocation[] => {
  const found: SensitiveLocation[] = [];
  for (const [path, kind] of Object.entries(fields)) {
    const walk = (node: unknown, steps: readonly Step[], at: (string | number)[]): void => {
      if (node === undefined || node === null) return;
      if (steps.length === 0) {
        if (typeof node === 'string' || typeof node === 'number')
          found.push({ path: at, kind, value: String(node) });
        else
          throw new ProxyError(
            PROXY_ERRORS.payloadError,
            `${path} is marked sensitive and holds neither text nor a number`,
          );
        return;
      }
      const [step, ...rest] = steps as [Step, ...Step[]];
      if (step === '*') {
        if (Array.isArray(node)) node.forEach((item, i) => walk(item, rest, [...at, i]));
      } else if (typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, step))
        walk((node as Record<string, unknown>)[step], rest, [...at, step]);
    };
    walk(value, stepsOf(path), []);
  }
  return found;
};
