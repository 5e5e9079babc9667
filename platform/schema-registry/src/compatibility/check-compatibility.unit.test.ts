import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../json-schema/json-schema.js';
import { checkCompatibility } from './check-compatibility.js';
import type { CompatibilityLevel } from './compatibility-level.js';

/** given(the subject's versions).when(a new schema is checked at a level).then(messages). */
const given = (...earlier: JsonSchema[]) => ({
  when: (candidate: JsonSchema, level: CompatibilityLevel = 'BACKWARD') =>
    checkCompatibility(
      level,
      candidate,
      earlier.map((schema, index) => ({ version: index + 1, schema })),
    ),
});

const object = (properties: Record<string, JsonSchema>, extra: Record<string, unknown> = {}): JsonSchema => ({
  type: 'object',
  properties,
  ...extra,
});
const closed = (properties: Record<string, JsonSchema>, extra: Record<string, unknown> = {}) =>
  object(properties, { additionalProperties: false, ...extra });

describe('checkCompatibility', () => {
  it('finds nothing to say about an identical schema at any level', () => {
    const schema = closed({ id: { type: 'string' } }, { required: ['id'] });
    for (const level of ['BACKWARD', 'FORWARD', 'FULL_TRANSITIVE'] as const)
      expect(given(schema).when(schema, level)).toEqual([]);
  });

  it('accepts anything at NONE', () =>
    expect(given({ type: 'string' }).when({ type: 'integer' }, 'NONE')).toEqual([]));

  describe('required properties', () => {
    it('refuses a property added to required as backward incompatible', () =>
      expect(
        given(closed({ id: { type: 'string' }, note: { type: 'string' } })).when(
          closed({ id: { type: 'string' }, note: { type: 'string' } }, { required: ['note'] }),
        ),
      ).toEqual(['#: property "note" added to required']));

    it('refuses a property removed from required as forward incompatible', () =>
      expect(
        given(closed({ id: { type: 'string' } }, { required: ['id'] })).when(
          closed({ id: { type: 'string' } }),
          'FORWARD',
        ),
      ).toEqual(['#: property "id" removed from required']));

    it('lets a required property become optional when readers are new', () =>
      expect(
        given(closed({ id: { type: 'string' } }, { required: ['id'] })).when(
          closed({ id: { type: 'string' } }),
        ),
      ).toEqual([]));
  });

  describe('content models', () => {
    it('accepts an optional property added to a closed content model (backward)', () =>
      expect(
        given(closed({ id: { type: 'string' } })).when(
          closed({ id: { type: 'string' }, note: { type: 'string' } }),
        ),
      ).toEqual([]));

    it('refuses that same addition forward, because old readers reject the new property', () =>
      expect(
        given(closed({ id: { type: 'string' } })).when(
          closed({ id: { type: 'string' }, note: { type: 'string' } }),
          'FORWARD',
        ),
      ).toEqual(['#: property "note" added, but the old schema\'s content model is closed']));

    it('refuses a property removed from a closed content model', () =>
      expect(
        given(closed({ id: { type: 'string' }, note: { type: 'string' } })).when(
          closed({ id: { type: 'string' } }),
        ),
      ).toEqual(['#: property "note" removed from a closed content model']));

    it('treats unevaluatedProperties false as a closed content model too', () =>
      expect(
        given(object({ id: { type: 'string' }, note: {} }, { unevaluatedProperties: false })).when(
          object({ id: { type: 'string' } }, { unevaluatedProperties: false }),
        ),
      ).toEqual(['#: property "note" removed from a closed content model']));

    it('accepts a property removed from an open content model (backward)', () =>
      expect(
        given(object({ id: { type: 'string' }, note: { type: 'string' } })).when(
          object({ id: { type: 'string' } }),
        ),
      ).toEqual([]));

    it('refuses a constrained property added to an open content model, as Confluent does', () =>
      expect(
        given(object({ id: { type: 'string' } })).when(
          object({ id: { type: 'string' }, n: { type: 'integer' } }),
        ),
      ).toEqual(['#: property "n" added to an open content model (old data may carry any value there)']));

    it('refuses closing an open content model', () =>
      expect(given(object({ id: { type: 'string' } })).when(closed({ id: { type: 'string' } }))).toEqual([
        '#: content model closed (additionalProperties: false)',
      ]));

    it('compares a property added to a partially open model with the schema of undeclared properties', () =>
      expect(
        given(object({}, { additionalProperties: { type: 'string' } })).when(
          object({ note: { type: 'string', maxLength: 10 } }, { additionalProperties: { type: 'string' } }),
        ),
      ).toEqual(['#/properties/note: maxLength tightened from none to 10']));
  });

  describe('types', () => {
    it('names the path and both types when a nested type is narrowed', () =>
      expect(
        given(
          object({ lines: { type: 'array', items: object({ quantity: { type: ['integer', 'null'] } }) } }),
        ).when(object({ lines: { type: 'array', items: object({ quantity: { type: 'integer' } }) } })),
      ).toEqual([
        '#/properties/lines/items/properties/quantity: type narrowed from ["integer","null"] to "integer"',
      ]));

    it('accepts a widened type backward and refuses it forward', () => {
      const old = object({ quantity: { type: 'integer' } });
      const widened = object({ quantity: { type: 'number' } });
      expect(given(old).when(widened)).toEqual([]);
      expect(given(old).when(widened, 'FORWARD')).toEqual([
        '#/properties/quantity: type widened from "integer" to "number"',
      ]);
    });

    it('knows that every integer is a number', () =>
      expect(given({ type: 'integer' }).when({ type: 'number' }, 'BACKWARD')).toEqual([]));

    it('refuses a type added where any type was allowed', () =>
      expect(given({}).when({ type: 'string' })).toEqual(['#: type narrowed from any to "string"']));

    it('refuses a schema that became false', () =>
      expect(given(object({ a: { type: 'string' } })).when(object({ a: false }))).toEqual([
        '#/properties/a: schema became false: no value is valid any more',
      ]));
  });

  describe('enum and const', () => {
    it('refuses enum values removed backward and added forward', () => {
      expect(given({ enum: ['a', 'b'] }).when({ enum: ['a'] })).toEqual(['#: enum values ["b"] removed']);
      expect(given({ enum: ['a'] }).when({ enum: ['a', 'b'] }, 'FORWARD')).toEqual([
        '#: enum values ["b"] added',
      ]);
      expect(given({ enum: ['a'] }).when({ enum: ['a', 'b'] })).toEqual([]);
    });

    it('refuses an enum introduced where any value was allowed', () =>
      expect(given({ type: 'string' }).when({ type: 'string', enum: ['a'] })).toEqual([
        '#: enum ["a"] added where any value was allowed',
      ]));

    it('refuses a changed const in both directions', () => {
      expect(given({ const: 1 }).when({ const: 2 })).toEqual(['#: const changed from 1 to 2']);
      expect(given({ const: 1 }).when({ const: 2 }, 'FORWARD')).toEqual(['#: const changed from 1 to 2']);
    });

    it('accepts a const that replaces a one-value enum', () =>
      expect(given({ enum: ['x'] }).when({ const: 'x' }, 'FULL')).toEqual([]));
  });

  describe('bounds and patterns', () => {
    it('refuses tightened bounds backward and loosened bounds forward', () => {
      const old = { type: 'string', minLength: 1, maxLength: 20 };
      expect(given(old).when({ type: 'string', minLength: 2, maxLength: 10 })).toEqual([
        '#: minLength tightened from 1 to 2',
        '#: maxLength tightened from 20 to 10',
      ]);
      expect(given(old).when({ type: 'string' }, 'FORWARD')).toEqual([
        '#: minLength loosened from 1 to none',
        '#: maxLength loosened from 20 to none',
      ]);
    });

    it('refuses a new minimum and maximum on numbers', () =>
      expect(given({ type: 'integer' }).when({ type: 'integer', minimum: 0, exclusiveMaximum: 100 })).toEqual(
        ['#: minimum tightened from none to 0', '#: exclusiveMaximum tightened from none to 100'],
      ));

    it('refuses a changed or added pattern, and accepts a removed one backward', () => {
      expect(given({ type: 'string', pattern: '^a' }).when({ type: 'string', pattern: '^b' })).toEqual([
        '#: pattern changed from "^a" to "^b"',
      ]);
      expect(given({ type: 'string' }).when({ type: 'string', pattern: '^b' })).toEqual([
        '#: pattern "^b" added',
      ]);
      expect(given({ type: 'string', pattern: '^a' }).when({ type: 'string' })).toEqual([]);
    });

    it('accepts a multipleOf that divides the old one', () => {
      expect(given({ type: 'number', multipleOf: 10 }).when({ type: 'number', multipleOf: 5 })).toEqual([]);
      expect(given({ type: 'number', multipleOf: 5 }).when({ type: 'number', multipleOf: 10 })).toEqual([
        '#: multipleOf changed from 5 to 10',
      ]);
    });

    it('refuses uniqueItems added to an array', () =>
      expect(given({ type: 'array' }).when({ type: 'array', uniqueItems: true })).toEqual([
        '#: uniqueItems added',
      ]));
  });

  describe('arrays', () => {
    it('compares items recursively', () =>
      expect(
        given({ type: 'array', items: { type: 'array', items: { type: 'string' } } }).when({
          type: 'array',
          items: { type: 'array', items: { type: 'string', maxLength: 3 } },
        }),
      ).toEqual(['#/items/items: maxLength tightened from none to 3']));

    it('compares prefixItems position by position and refuses a tuple that was closed', () =>
      expect(
        given({ type: 'array', prefixItems: [{ type: 'string' }] }).when({
          type: 'array',
          prefixItems: [{ type: 'string' }, { type: 'integer' }],
          items: false,
        }),
      ).toEqual([
        '#/prefixItems/1: type narrowed from any to "integer"',
        '#/items: schema became false: no value is valid any more',
      ]));
  });

  describe('references and alternatives', () => {
    const withLine = (quantity: JsonSchema): JsonSchema => ({
      type: 'object',
      properties: { lines: { type: 'array', items: { $ref: '#/$defs/line' } } },
      $defs: { line: closed({ sku: { type: 'string' }, quantity }) },
    });

    it('follows $ref into $defs and names the path where it is used', () =>
      expect(given(withLine({ type: 'integer' })).when(withLine({ type: 'integer', minimum: 1 }))).toEqual([
        '#/properties/lines/items/properties/quantity: minimum tightened from none to 1',
      ]));

    it('ends on recursive definitions', () => {
      const tree = (leaf: JsonSchema): JsonSchema => ({
        $ref: '#/$defs/node',
        $defs: {
          node: object({ value: leaf, children: { type: 'array', items: { $ref: '#/$defs/node' } } }),
        },
      });
      expect(given(tree({ type: 'number' })).when(tree({ type: 'integer' }))).toEqual([
        '#/properties/value: type narrowed from "number" to "integer"',
      ]);
    });

    it('accepts an alternative added to anyOf backward and refuses it forward', () => {
      const old = { anyOf: [{ type: 'string' }, { type: 'null' }] };
      const wider = { anyOf: [{ type: 'string' }, { type: 'null' }, { type: 'integer' }] };
      expect(given(old).when(wider)).toEqual([]);
      expect(given(old).when(wider, 'FORWARD')).toEqual([
        '#: anyOf alternative 2 of the new schema is not accepted by the old schema (added or widened)',
      ]);
    });

    it('refuses an alternative removed from oneOf', () =>
      expect(
        given({ oneOf: [{ type: 'string' }, { type: 'null' }] }).when({ oneOf: [{ type: 'string' }] }),
      ).toEqual([
        '#: oneOf alternative 1 of the old schema is not accepted by the new schema (removed or narrowed)',
      ]));

    it('treats a changed allOf as incompatible rather than guessing', () =>
      expect(
        given({ allOf: [{ type: 'string' }] }).when({ allOf: [{ type: 'string', maxLength: 2 }] }),
      ).toEqual(['#: allOf changed (not compared in detail, so treated as incompatible)']));
  });

  describe('levels', () => {
    const v1 = closed({ id: { type: 'string' } });
    const v2 = closed({ id: { type: 'string' }, note: { type: 'string' } });
    const v3 = closed({ id: { type: 'string' }, note: { type: 'string' }, size: { type: 'integer' } });

    it('checks FULL in both directions', () =>
      expect(given(v1).when(v2, 'FULL')).toEqual([
        '#: property "note" added, but the old schema\'s content model is closed',
      ]));

    it('compares with the latest version only unless transitive', () => {
      const dropped = closed({ id: { type: 'string' }, size: { type: 'integer' } });
      expect(given(v1, v2, v3).when(v3)).toEqual([]);
      expect(given(v2, v3).when(dropped)).toEqual(['#: property "note" removed from a closed content model']);
      expect(given(v2, v3).when(dropped, 'BACKWARD_TRANSITIVE')).toEqual([
        '#: property "note" removed from a closed content model (against version 1)',
        '#: property "note" removed from a closed content model (against version 2)',
      ]);
    });
  });
});
