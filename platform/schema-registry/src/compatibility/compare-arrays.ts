import { pointerSegment, type JsonSchema, type JsonSchemaObject } from '../json-schema/json-schema.js';
import { bothMayBe } from './instance-types.js';
import type { Walk } from './restriction.js';

const list = (value: unknown): readonly JsonSchema[] => (Array.isArray(value) ? (value as JsonSchema[]) : []);

/** prefixItems position by position, then items (which applies after the prefix in draft 2020-12). */
export const compareArrays = (
  writer: JsonSchemaObject,
  reader: JsonSchemaObject,
  path: string,
  walk: Walk,
): void => {
  if (!bothMayBe(writer, reader, 'array')) return;
  const writerPrefix = list(writer.prefixItems);
  const readerPrefix = list(reader.prefixItems);
  const writerItems = (writer.items ?? true) as JsonSchema;
  const readerItems = (reader.items ?? true) as JsonSchema;
  for (let index = 0; index < Math.max(writerPrefix.length, readerPrefix.length); index += 1)
    walk(
      writerPrefix[index] ?? writerItems,
      readerPrefix[index] ?? readerItems,
      `${path}/${index < readerPrefix.length ? `prefixItems/${pointerSegment(index)}` : 'items'}`,
    );
  if (writerItems !== false) walk(writerItems, readerItems, `${path}/items`);
};
