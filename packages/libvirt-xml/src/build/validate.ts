/** Input checks shared by the builders. Each failure is a {@link BuildError} naming the field. */
import { BuildError } from '../errors.js';
import { isXmlSafe } from '../escape.js';

export function text(value: unknown, field: string, options: { optional?: false } & TextOptions): string;
export function text(value: unknown, field: string, options: { optional: true } & TextOptions): string | undefined;
export function text(value: unknown, field: string, options: { optional?: boolean } & TextOptions = {}): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (options.optional) return undefined;
    throw new BuildError(field, 'is required');
  }
  if (typeof value !== 'string') throw new BuildError(field, `must be a string, got ${typeof value}`);
  if (!isXmlSafe(value)) throw new BuildError(field, 'contains control characters');
  if (options.maxLength !== undefined && value.length > options.maxLength) {
    throw new BuildError(field, `must be at most ${options.maxLength} characters`);
  }
  for (const ch of options.forbid ?? []) {
    if (value.includes(ch)) throw new BuildError(field, `must not contain ${JSON.stringify(ch)}`);
  }
  if (options.pattern && !options.pattern.test(value)) {
    throw new BuildError(field, options.patternMessage ?? `has an invalid format: ${JSON.stringify(value)}`);
  }
  return value;
}

interface TextOptions {
  maxLength?: number;
  forbid?: readonly string[];
  pattern?: RegExp;
  patternMessage?: string;
}

/** An object name (domain, pool, volume, snapshot): non-empty, no '/' or newline (libvirt refuses them). */
export function objectName(value: unknown, field: string): string {
  const name = text(value, field, { forbid: ['/', '\n', '\r'], maxLength: 255 });
  if (name.trim() !== name) throw new BuildError(field, 'must not start or end with whitespace');
  return name;
}

/** An absolute host path. */
export function absolutePath(value: unknown, field: string): string {
  return text(value, field, { pattern: /^\//, patternMessage: 'must be an absolute path', forbid: ['\n', '\r'] });
}

export function integer(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new BuildError(field, 'must be an integer');
  if (value < min || value > max) throw new BuildError(field, `must be between ${min} and ${max}`);
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new BuildError(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
