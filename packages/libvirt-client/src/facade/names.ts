// Names of libvirt enum values, derived from the generated header enums (constants.gen.ts), so
// no table here is kept by hand: `enumName(VirDomainEventType, 2)` is 'started'.

type EnumTable = Readonly<Record<string, number>>;

const cache = new WeakMap<EnumTable, Map<number, string>>();

/** The lower-case name of `value` in a generated enum table, or null when it has none. */
export function enumName(table: EnumTable, value: number): string | null {
  let names = cache.get(table);
  if (!names) {
    names = new Map();
    // The first key declared wins when several share a value (aliases such as *_LAST come later).
    for (const [key, v] of Object.entries(table)) if (!names.has(v)) names.set(v, key.toLowerCase());
    cache.set(table, names);
  }
  return names.get(value) ?? null;
}

/** The names of the bits set in `flags`, for flag enums; unknown bits are left out. */
export function flagNames(table: EnumTable, flags: number): string[] {
  const out: string[] = [];
  for (const [key, v] of Object.entries(table)) if (v !== 0 && (flags & v) === v && !out.includes(key.toLowerCase())) out.push(key.toLowerCase());
  return out;
}

/** Flags as a number, or as names of a generated flag table (e.g. ['MANAGED_SAVE', 'NVRAM']). */
export type Flags<T extends EnumTable> = number | readonly (keyof T & string)[];

/** ORs the values of flag names of a generated table; a number passes through; unknown names throw. */
export function flagsOf<T extends EnumTable>(table: T, flags: Flags<T> | undefined): number {
  if (flags === undefined) return 0;
  if (typeof flags === 'number') return flags;
  let out = 0;
  for (const n of flags) {
    const v = table[n];
    if (v === undefined) throw new RangeError(`unknown flag: ${n}`);
    out |= v;
  }
  return out;
}
