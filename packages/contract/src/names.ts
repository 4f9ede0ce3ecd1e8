// The two rules for libvirt object names (domains, pools, volumes, networks), one for each purpose.
import { z } from './zod-jitless.ts';

const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * The name of an object that exists (to look it up): anything libvirt itself accepts, so objects
 * made elsewhere stay reachable. No '/', no control characters, no outer whitespace.
 */
export const objectNameSchema = z
  .string()
  .min(1, 'required')
  .max(255, 'at most 255 characters')
  .refine((s) => !s.includes('/') && !hasControl(s), 'must not contain "/" or control characters')
  .refine((s) => s.trim() === s, 'must not start or end with whitespace');

/**
 * The name of an object Virtdeck creates: short, and safe as a file name and in a URL, as the
 * forms ask for it.
 */
export const newObjectNameSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/, 'letters, digits and _ . + - only, starting with a letter or digit');

/** An absolute host path with no '..' and no control characters (admins only name these). */
export const absolutePathSchema = z
  .string()
  .min(2)
  .max(4096)
  .regex(/^\//, 'must be an absolute path')
  .refine((s) => !hasControl(s), 'must not contain control characters')
  .refine((s) => !s.split('/').includes('..'), 'must not contain ".."');

/** Bytes, exact in a JS number (up to 8 PiB). */
export const bytesSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
