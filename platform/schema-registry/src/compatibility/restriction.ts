import type { JsonSchema } from '../json-schema/json-schema.js';

/**
 * One way the reader schema rejects an instance the writer schema accepts, found at `path` (a JSON Pointer into
 * the schema, as a URI fragment). Writer and reader, not old and new: the same finding reads as a narrowing when
 * the new schema reads old data (BACKWARD) and as a widening when the old schema reads new data (FORWARD).
 */
export type Restriction =
  | { readonly kind: 'type'; readonly path: string; readonly writer: unknown; readonly reader: unknown }
  | { readonly kind: 'enum-values'; readonly path: string; readonly values: readonly unknown[] }
  | { readonly kind: 'enum-introduced'; readonly path: string; readonly reader: readonly unknown[] }
  | {
      readonly kind: 'const';
      readonly path: string;
      readonly writer?: { value: unknown };
      readonly reader: unknown;
    }
  | {
      readonly kind: 'bound';
      readonly path: string;
      readonly keyword: string;
      readonly writer: number | undefined;
      readonly reader: number;
    }
  | {
      readonly kind: 'pattern' | 'format' | 'multipleOf';
      readonly path: string;
      readonly writer: unknown;
      readonly reader: unknown;
    }
  | { readonly kind: 'required'; readonly path: string; readonly property: string }
  | { readonly kind: 'content-closed'; readonly path: string; readonly keyword: string }
  | { readonly kind: 'property-not-allowed'; readonly path: string; readonly property: string }
  | { readonly kind: 'property-constrained'; readonly path: string; readonly property: string }
  | { readonly kind: 'unique-items'; readonly path: string }
  | { readonly kind: 'false-schema'; readonly path: string }
  | { readonly kind: 'alternative'; readonly path: string; readonly keyword: string; readonly index: number }
  | { readonly kind: 'not-compared'; readonly path: string; readonly keyword: string };

/** Compares one writer subschema with one reader subschema, appending what the reader would reject. */
export type Walk = (writer: JsonSchema, reader: JsonSchema, path: string) => void;

export type Report = (restriction: Restriction) => void;
