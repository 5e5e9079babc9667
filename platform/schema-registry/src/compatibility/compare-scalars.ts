import { canonicalJson, sameJson } from '@omnistream/kernel';
import type { JsonSchemaObject } from '../json-schema/json-schema.js';
import { acceptsType, bothMayBe, typesOf } from './instance-types.js';
import type { Report } from './restriction.js';

/** Keywords whose larger value accepts fewer instances, and their value when absent. */
const LOWER_BOUNDS: Readonly<Record<string, { type: string; absent: number }>> = {
  minimum: { type: 'number', absent: -Infinity },
  exclusiveMinimum: { type: 'number', absent: -Infinity },
  minLength: { type: 'string', absent: 0 },
  minItems: { type: 'array', absent: 0 },
  minProperties: { type: 'object', absent: 0 },
  minContains: { type: 'array', absent: 1 },
};
/** Keywords whose smaller value accepts fewer instances. */
const UPPER_BOUNDS: Readonly<Record<string, string>> = {
  maximum: 'number',
  exclusiveMaximum: 'number',
  maxLength: 'string',
  maxItems: 'array',
  maxProperties: 'object',
  maxContains: 'array',
};

const number = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** type, enum, const, bounds, pattern, format, multipleOf and uniqueItems: keywords that need no recursion. */
export const compareScalars = (
  writer: JsonSchemaObject,
  reader: JsonSchemaObject,
  path: string,
  report: Report,
): void => {
  const writerTypes = typesOf(writer);
  const readerTypes = typesOf(reader);
  const lost =
    writerTypes === undefined
      ? readerTypes !== undefined
      : writerTypes.some((t) => !acceptsType(readerTypes, t));
  if (lost) report({ kind: 'type', path, writer: writer.type, reader: reader.type });

  compareValues(writer, reader, path, report);

  for (const [keyword, { type, absent }] of Object.entries(LOWER_BOUNDS)) {
    const readerValue = number(reader[keyword]);
    if (readerValue === undefined || !bothMayBe(writer, reader, type)) continue;
    const writerValue = number(writer[keyword]);
    if (readerValue > (writerValue ?? absent))
      report({ kind: 'bound', path, keyword, writer: writerValue, reader: readerValue });
  }
  for (const [keyword, type] of Object.entries(UPPER_BOUNDS)) {
    const readerValue = number(reader[keyword]);
    if (readerValue === undefined || !bothMayBe(writer, reader, type)) continue;
    const writerValue = number(writer[keyword]);
    if (readerValue < (writerValue ?? Infinity))
      report({ kind: 'bound', path, keyword, writer: writerValue, reader: readerValue });
  }

  if (bothMayBe(writer, reader, 'number')) {
    const readerStep = number(reader.multipleOf);
    const writerStep = number(writer.multipleOf);
    // Every multiple of the writer's step is a multiple of the reader's when the reader's step divides it.
    if (readerStep !== undefined && (writerStep === undefined || !Number.isInteger(writerStep / readerStep)))
      report({ kind: 'multipleOf', path, writer: writerStep, reader: readerStep });
  }
  if (bothMayBe(writer, reader, 'string'))
    for (const kind of ['pattern', 'format'] as const)
      if (reader[kind] !== undefined && !sameJson(writer[kind], reader[kind]))
        report({ kind, path, writer: writer[kind], reader: reader[kind] });
  if (bothMayBe(writer, reader, 'array') && reader.uniqueItems === true && writer.uniqueItems !== true)
    report({ kind: 'unique-items', path });
};

/** enum and const: the values the writer may produce must all be values the reader accepts. */
const compareValues = (
  writer: JsonSchemaObject,
  reader: JsonSchemaObject,
  path: string,
  report: Report,
): void => {
  const writerValues =
    'const' in writer ? [writer.const] : Array.isArray(writer.enum) ? writer.enum : undefined;
  if ('const' in reader) {
    const stillOne =
      writerValues !== undefined && writerValues.every((value) => sameJson(value, reader.const));
    if (!stillOne)
      report({
        kind: 'const',
        path,
        ...('const' in writer ? { writer: { value: writer.const } } : {}),
        reader: reader.const,
      });
    return;
  }
  if (!Array.isArray(reader.enum)) return;
  if (writerValues === undefined) {
    report({ kind: 'enum-introduced', path, reader: reader.enum });
    return;
  }
  const accepted = new Set(reader.enum.map(canonicalJson));
  const values = writerValues.filter((value) => !accepted.has(canonicalJson(value)));
  if (values.length > 0) report({ kind: 'enum-values', path, values });
};
