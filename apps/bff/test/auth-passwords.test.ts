// Password hashing (pure: no database).
import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyDummyPassword, verifyPassword } from '../src/auth/passwords.js';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(h, 'correct horse battery stapl')).toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('same password!')).not.toBe(await hashPassword('same password!'));
  });

  it('treats a malformed hash as a mismatch', async () => {
    expect(await verifyPassword('not a hash', 'whatever')).toBe(false);
  });

  it('dummy verification is always false', async () => {
    expect(await verifyDummyPassword('anything at all')).toBe(false);
  });

  it('generates long random passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
