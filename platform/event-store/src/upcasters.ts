import type { EventEnvelope } from '@omnistream/kernel';

/**
 * Raises one event type from one data version to the next (DESIGN.md: "upcasters turn old event versions into
 * current ones on read"). Stored events are never rewritten; readers always see the current shape.
 */
export interface Upcaster {
  readonly type: string;
  /** The version this upcaster reads; it produces `fromVersion + 1`. */
  readonly fromVersion: number;
  readonly upcast: (data: unknown) => unknown;
  /** Set when the new version also renames the type. */
  readonly toType?: string;
}

export type Upcast = (event: EventEnvelope) => EventEnvelope;

export const createUpcast = (upcasters: readonly Upcaster[]): Upcast => {
  const byKey = new Map<string, Upcaster>();
  for (const upcaster of upcasters) {
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (byKey.has(key)) throw new Error(`two upcasters for ${key}`);
    byKey.set(key, upcaster);
  }
  if (byKey.size === 0) return (event) => event;
  return (event) => {
    let current = event;
    for (;;) {
      const version = current.metadata.schemaVersion ?? 1;
      const next = byKey.get(`${current.type}@${version}`);
      if (next === undefined) return current;
      current = {
        ...current,
        type: next.toType ?? current.type,
        data: next.upcast(current.data),
        metadata: { ...current.metadata, schemaVersion: version + 1 },
      };
    }
  };
};
