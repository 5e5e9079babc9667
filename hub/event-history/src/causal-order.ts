/** What causal ordering needs of an event. */
export interface CausalNode {
  readonly id: string;
  readonly causationId: string | null;
  readonly occurredAt: Date;
}

const byTimeThenId = (a: CausalNode, b: CausalNode): number =>
  a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Orders events so that each comes after the event its causation id names, and otherwise by time then id: Kahn's
 * topological sort, always taking the earliest event whose cause is out (or not among them). Clocks of different
 * hosts disagree, so a reaction may carry an earlier time than its cause; it still comes after it. A cycle of
 * causes (bad data) is broken at its earliest member, so every event is returned exactly once.
 */
export const causalOrder = <T extends CausalNode>(events: readonly T[]): T[] => {
  const sorted = [...events].sort(byTimeThenId);
  const rank = new Map<string, number>();
  sorted.forEach((event, index) => {
    if (!rank.has(event.id)) rank.set(event.id, index);
  });
  const children = new Map<number, number[]>();
  const parentOf = new Map<number, number>();
  sorted.forEach((event, index) => {
    const parent = event.causationId === null ? undefined : rank.get(event.causationId);
    if (parent === undefined || parent === index) return;
    parentOf.set(index, parent);
    const siblings = children.get(parent);
    if (siblings === undefined) children.set(parent, [index]);
    else siblings.push(index);
  });

  // A binary min-heap of ranks: the earliest ready event is at the top.
  const heap: number[] = [];
  const push = (item: number) => {
    heap.push(item);
    for (let i = heap.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (heap[up]! <= heap[i]!) break;
      [heap[up], heap[i]] = [heap[i]!, heap[up]!];
      i = up;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < heap.length && heap[l]! < heap[min]!) min = l;
        if (r < heap.length && heap[r]! < heap[min]!) min = r;
        if (min === i) break;
        [heap[min], heap[i]] = [heap[i]!, heap[min]!];
        i = min;
      }
    }
    return top;
  };

  sorted.forEach((_, index) => {
    if (!parentOf.has(index)) push(index);
  });
  const done = new Set<number>();
  const ordered: T[] = [];
  let scan = 0;
  while (ordered.length < sorted.length) {
    if (heap.length === 0) {
      // Every waiting event waits on a cycle: follow causes from the earliest one into its cycle and release the
      // cycle's earliest member, so events hanging off the cycle still come after their causes.
      while (done.has(scan)) scan += 1;
      const seen = new Set<number>();
      let at = scan;
      while (!seen.has(at)) {
        seen.add(at);
        at = parentOf.get(at) ?? at;
      }
      let earliest = at;
      for (let member = parentOf.get(at) ?? at; member !== at; member = parentOf.get(member) ?? at)
        earliest = Math.min(earliest, member);
      push(earliest);
    }
    const next = pop();
    if (done.has(next)) continue;
    done.add(next);
    ordered.push(sorted[next]!);
    for (const child of children.get(next) ?? []) if (!done.has(child)) push(child);
  }
  return ordered;
};
