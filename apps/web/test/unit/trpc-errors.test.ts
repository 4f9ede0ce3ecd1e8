// What the web app reads from a failed call's data: here, that the BFF's database is away.
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { errorMessage, isDatabaseUnavailable } from '../../lib/trpc-errors';

const failure = (data: Record<string, unknown>, message = 'failed') =>
  TRPCClientError.from({ error: { code: -32603, message, data: { zodError: null, libvirt: null, dependants: null, ...data } } });

describe('isDatabaseUnavailable', () => {
  it('is true when the BFF says its database is away, and keeps its message', () => {
    const e = failure({ code: 'SERVICE_UNAVAILABLE', unavailable: 'database' }, 'The database (PostgreSQL) cannot be reached');
    expect(isDatabaseUnavailable(e)).toBe(true);
    expect(errorMessage(e)).toBe('The database (PostgreSQL) cannot be reached');
  });

  it('is false for any other failure, a host that is down included', () => {
    expect(isDatabaseUnavailable(failure({ code: 'SERVICE_UNAVAILABLE', unavailable: null }))).toBe(false);
    expect(isDatabaseUnavailable(failure({ code: 'NOT_FOUND' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('network'))).toBe(false);
  });
});
