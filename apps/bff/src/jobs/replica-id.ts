// A name for this BFF process that no other replica shares: written beside what it claims, so a
// claim or a lease says which replica holds it.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export const replicaId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
