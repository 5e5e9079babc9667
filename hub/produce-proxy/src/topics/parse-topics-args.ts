import { parseArgs } from 'node:util';
import { Value } from '@sinclair/typebox/value';
import { TopicName, TopicSpecBody } from './topic-spec.js';

export type TopicsCommand =
  | { readonly kind: 'list' }
  | { readonly kind: 'show'; readonly name: string }
  | {
      readonly kind: 'put';
      readonly name: string;
      readonly spec: TopicSpecBody;
      /** `--if-version`: the version the topic must be at (0: it must be new), like the API's If-Match. */
      readonly expectedVersion?: number;
    }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage_error'; readonly message: string };

export const TOPICS_USAGE = `Usage: omnistream topics <command>

Commands:
  list           every registered topic, as JSON
  show NAME      one topic, as JSON
  put NAME --owner TEAM --subject SUBJECT --partitions N [--retention-ms MS]
           [--sensitive '$.path=kind' ...] [--description TEXT] [--if-version V]
                 register a topic, or change it (the whole spec, like PUT /hub/topics/NAME), and create it
                 on the configured bus; prints {"topic", "created"} as JSON.
                 --subject: a schema registry subject, registered beforehand.
                 --partitions: 1 to 1000; partitions can be added, never removed.
                 --retention-ms: at least 60000; the bus default without it.
                 --sensitive: a JSON path of a sensitive value and its kind (pii, pan, email, phone),
                 e.g. '$.customer.email=email'; repeat for more.
                 --if-version: refuse unless the topic is at version V (0: it must be new).
`;

const usageError = (message: string): TopicsCommand => ({ kind: 'usage_error', message });
const WHOLE_NUMBER = /^(0|[1-9][0-9]{0,14})$/;

/** The first thing the schema refuses, as `/field: message`. */
const firstError = (schema: Parameters<typeof Value.Errors>[0], value: unknown): string | undefined => {
  const error = Value.Errors(schema, value).First();
  return error === undefined ? undefined : `${error.path === '' ? 'value' : error.path}: ${error.message}`;
};

const parseSensitive = (entries: readonly string[]): Record<string, string> | string => {
  const fields: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    if (at <= 0) return `--sensitive takes '$.path=kind', got "${entry}"`;
    const path = entry.slice(0, at);
    if (path in fields) return `--sensitive names ${path} twice`;
    fields[path] = entry.slice(at + 1);
  }
  return fields;
};

/** `omnistream topics ...` arguments (after the `topics` word). Pure: topicsCli acts on the result. */
export const parseTopicsArgs = (args: readonly string[]): TopicsCommand => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        owner: { type: 'string' },
        subject: { type: 'string' },
        partitions: { type: 'string' },
        'retention-ms': { type: 'string' },
        sensitive: { type: 'string', multiple: true },
        description: { type: 'string' },
        'if-version': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const [command, ...rest] = parsed.positionals;
  const values = parsed.values;
  if (values.help === true) return { kind: 'help' };
  if (command === undefined) return usageError('no topics command given');
  const putOptions = [
    'owner',
    'subject',
    'partitions',
    'retention-ms',
    'sensitive',
    'description',
    'if-version',
  ];
  if (command !== 'put') {
    const given = putOptions.find((option) => option in values);
    if (given !== undefined) return usageError(`--${given} is for put only`);
  }
  switch (command) {
    case 'list':
      return rest.length === 0
        ? { kind: 'list' }
        : usageError(`list takes no arguments, got "${rest.join(' ')}"`);
    case 'show': {
      const [name, ...more] = rest;
      return name === undefined || more.length > 0
        ? usageError('show takes one topic name')
        : { kind: 'show', name };
    }
    case 'put': {
      const [name, ...more] = rest;
      if (name === undefined || more.length > 0) return usageError('put takes one topic name');
      if (firstError(TopicName, name) !== undefined)
        return usageError(`"${name}" is not a topic name: up to 249 of A-Z a-z 0-9 . _ -`);
      for (const required of ['owner', 'subject', 'partitions'] as const)
        if (values[required] === undefined) return usageError(`put needs --${required}`);
      const numbers: Record<string, number> = {};
      for (const option of ['partitions', 'retention-ms', 'if-version'] as const) {
        const text = values[option];
        if (text === undefined) continue;
        if (!WHOLE_NUMBER.test(text)) return usageError(`--${option} takes a whole number, got "${text}"`);
        numbers[option] = Number(text);
      }
      const sensitive = parseSensitive(values.sensitive ?? []);
      if (typeof sensitive === 'string') return usageError(sensitive);
      const spec = {
        owner: values.owner,
        subject: values.subject,
        partitions: numbers.partitions,
        ...(numbers['retention-ms'] === undefined ? {} : { retentionMs: numbers['retention-ms'] }),
        ...(Object.keys(sensitive).length === 0 ? {} : { sensitiveFields: sensitive }),
        ...(values.description === undefined ? {} : { description: values.description }),
      };
      // The API's own schema, so the CLI refuses exactly what PUT /hub/topics/NAME refuses.
      const refused = firstError(TopicSpecBody, spec);
      if (refused !== undefined || !Value.Check(TopicSpecBody, spec))
        return usageError(`invalid topic spec: ${refused ?? 'refused by the schema'}`);
      const expectedVersion = numbers['if-version'];
      return expectedVersion === undefined
        ? { kind: 'put', name, spec }
        : { kind: 'put', name, spec, expectedVersion };
    }
    default:
      return usageError(`unknown topics command "${command}"`);
  }
};
