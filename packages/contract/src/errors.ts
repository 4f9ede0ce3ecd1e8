// What a failed call carries besides its message: the BFF's error formatter writes this into
// every error's `data`, and the web app reads it to say what went wrong and where.

/** Who would break if an object went away: volumes whose backing chain uses it, and domain disks. */
export interface DependantList {
  volumes: { pool: string; name: string; path: string }[];
  domains: { domain: string; disk: string; depth: number }[];
  /** Running guests attached by an interface (a network's dependants). */
  guests?: { domain: string; mac: string | null }[];
}

/** The refused input's messages, by field (zod's flattened error). */
export interface FieldErrors {
  formErrors: string[];
  fieldErrors: Record<string, string[] | undefined>;
}

export interface ErrorData {
  /** tRPC's code: NOT_FOUND, CONFLICT, NOT_IMPLEMENTED (the host's libvirt lacks it), … */
  code?: string;
  httpStatus?: number;
  /** A bad input names the field and why. */
  zodError: FieldErrors | null;
  /** A libvirt error keeps its libvirt code and domain so the UI can test them. */
  libvirt: { code: number; domain: number } | null;
  /** An action refused because other objects depend on its target lists them. */
  dependants: DependantList | null;
  /**
   * What the BFF could not reach: `database`, its PostgreSQL is away, so changes are refused
   * (and sign-in with it) until it is back. Null otherwise.
   */
  unavailable?: 'database' | null;
}
