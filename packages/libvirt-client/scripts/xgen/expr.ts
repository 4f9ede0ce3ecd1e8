// Integer constant expressions as C headers write them: literals (decimal, hex, octal,
// with U/L suffixes), names of other constants, parentheses, unary - ~ +, and the binary
// operators * / % + - << >> & ^ |. Evaluated in bigint so `1U << 31` stays exact.

/** Resolves a name to its value, or throws. */
export type Resolver = (name: string) => bigint;

export class ExprError extends Error {
  override name = 'ExprError';
}

/** Parses a C integer literal (`16`, `0x20008086`, `010`, `1U`, `9007199254740991LL`). */
export function parseIntLiteral(text: string): bigint {
  const m = /^(-?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)[uUlL]*$/.exec(text.trim());
  if (!m) throw new ExprError(`not an integer literal: ${text}`);
  const digits = m[2] as string;
  let v: bigint;
  if (/^0[xX]/.test(digits)) v = BigInt(digits);
  else if (digits.length > 1 && digits.startsWith('0')) v = BigInt(`0o${digits.slice(1)}`);
  else v = BigInt(digits);
  return m[1] === '-' ? -v : v;
}

const BINARY: Record<string, number> = { '|': 1, '^': 2, '&': 3, '<<': 4, '>>': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

export function evaluate(expr: string, resolve: Resolver): bigint {
  const toks = expr.match(/0[xX][0-9a-fA-F]+[uUlL]*|[0-9]+[uUlL]*|[A-Za-z_]\w*|<<|>>|[-+*/%&|^~()]|\S/g) ?? [];
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const primary = (): bigint => {
    const t = toks[i++];
    if (t === undefined) throw new ExprError(`unexpected end of expression: ${expr}`);
    if (t === '(') {
      const v = binary(0);
      if (toks[i++] !== ')') throw new ExprError(`missing ) in ${expr}`);
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '~') return ~primary();
    if (/^[0-9]/.test(t)) return parseIntLiteral(t);
    if (/^[A-Za-z_]/.test(t)) return resolve(t);
    throw new ExprError(`unexpected ${JSON.stringify(t)} in ${expr}`);
  };
  const binary = (minPrec: number): bigint => {
    let left = primary();
    for (;;) {
      const op = peek();
      const prec = op === undefined ? undefined : BINARY[op];
      if (op === undefined || prec === undefined || prec < minPrec) return left;
      i++;
      const right = binary(prec + 1);
      left = apply(op, left, right, expr);
    }
  };
  const v = binary(0);
  if (i !== toks.length) throw new ExprError(`trailing ${JSON.stringify(toks[i])} in ${expr}`);
  return v;
}

function apply(op: string, a: bigint, b: bigint, expr: string): bigint {
  switch (op) {
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '&':
      return a & b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
    case '%':
      if (b === 0n) throw new ExprError(`division by zero in ${expr}`);
      return op === '/' ? a / b : a % b;
    default:
      throw new ExprError(`unknown operator ${op} in ${expr}`);
  }
}

/** A bigint as a JS number when it is exactly representable, else an error. */
export function toSafeNumber(v: bigint, what: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ExprError(`${what} = ${v} does not fit a JS number`);
  }
  return Number(v);
}
