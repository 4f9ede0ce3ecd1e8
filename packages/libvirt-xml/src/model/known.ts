/** A string union that still accepts values a newer libvirt may add, without losing completion. */
export type Known<T extends string> = T | (string & Record<never, never>);
