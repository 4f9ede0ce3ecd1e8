/**
 * Typed errors of this package. Callers test `instanceof` or `code`, never message text.
 */

/** Why a document was refused. */
export type XmlErrorCode =
  /** Not well-formed XML (unclosed tag, bad attribute, stray `&`, empty input...). */
  | 'malformed'
  /** A `<!DOCTYPE>` was present: refused so no entity can be declared or expanded. */
  | 'doctype'
  /** Nesting deeper than `MAX_XML_DEPTH`. */
  | 'too-deep'
  /** Longer than `MAX_XML_LENGTH` characters. */
  | 'too-large'
  /** Well-formed, but the root element is not the one expected (e.g. `<pool>` given to the domain parser). */
  | 'unexpected-root'
  /** A required element or attribute is missing. */
  | 'missing'
  /** An element or attribute has a value that cannot be read (e.g. `<memory>lots</memory>`). */
  | 'invalid-value';

export interface XmlErrorOptions {
  /** Where in the document, as a slash path of element names (`domain/devices/disk[1]/target`). */
  path?: string;
  line?: number;
  column?: number;
  cause?: unknown;
}

/** Raised by every parser for input it cannot turn into a complete model. */
export class XmlError extends Error {
  override readonly name = 'XmlError';
  readonly code: XmlErrorCode;
  readonly path: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: XmlErrorCode, message: string, options: XmlErrorOptions = {}) {
    const where = [
      options.path !== undefined ? `at ${options.path}` : undefined,
      options.line !== undefined ? `line ${options.line}${options.column !== undefined ? `, column ${options.column}` : ''}` : undefined,
    ].filter((part) => part !== undefined);
    super(where.length > 0 ? `${message} (${where.join(', ')})` : message, { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.line = options.line;
    this.column = options.column;
  }
}

/** Raised by every builder for input it refuses; `field` names the offending input (`disks[1].path`). */
export class BuildError extends Error {
  override readonly name = 'BuildError';
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

export function isXmlError(value: unknown): value is XmlError {
  return value instanceof XmlError;
}

export function isBuildError(value: unknown): value is BuildError {
  return value instanceof BuildError;
}
