// Errors of the generator: every failure names the file and line it came from.

export class XgenError extends Error {
  override name = 'XgenError';
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}
