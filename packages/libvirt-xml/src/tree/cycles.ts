/**
 * Cycles in a parent-pointer graph (each id has at most one parent). Corrupt metadata (a qcow2
 * whose backing file is itself or a descendant, snapshots naming each other as parents) must not
 * hang a tree walk, so trees are built only after cycles are found and cut.
 *
 * Iterative and linear: each id is walked once.
 */
export function findCycles(ids: readonly string[], parentOf: (id: string) => string | undefined): string[][] {
  const DONE = 2;
  const ON_PATH = 1;
  const state = new Map<string, number>();
  const cycles: string[][] = [];
  for (const start of ids) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let cursor: string | undefined = start;
    while (cursor !== undefined && !state.has(cursor)) {
      state.set(cursor, ON_PATH);
      path.push(cursor);
      cursor = parentOf(cursor);
    }
    if (cursor !== undefined && state.get(cursor) === ON_PATH) {
      cycles.push(path.slice(path.indexOf(cursor)));
    }
    for (const id of path) state.set(id, DONE);
  }
  return cycles;
}

/** The id at which a cycle is cut (becomes a root): the smallest, so the choice is stable. */
export function cutPoint(cycle: readonly string[]): string {
  return [...cycle].sort()[0] as string;
}
