// Short names for a generated enum whose members share a prefix: `VirNetMessageType.VIR_NET_CALL`
// read as `MessageType.CALL`. Values and literal types stay the generated ones.

export type WithoutPrefix<T extends Readonly<Record<string, number>>, P extends string> = {
  readonly [K in keyof T as K extends `${P}${infer Rest}` ? Rest : never]: T[K];
};

export function withoutPrefix<T extends Readonly<Record<string, number>>, P extends string>(members: T, prefix: P): WithoutPrefix<T, P> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(members)) {
    if (!name.startsWith(prefix)) throw new Error(`enum member ${name} does not start with ${prefix}`);
    out[name.slice(prefix.length)] = value;
  }
  return Object.freeze(out) as WithoutPrefix<T, P>;
}
