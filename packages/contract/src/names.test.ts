import { describe, expect, it } from 'vitest';
import { absolutePathSchema, newObjectNameSchema, objectNameSchema } from './names.ts';

describe('object names', () => {
  it('an existing object may have any name libvirt accepts, but no slash or control character', () => {
    for (const ok of ['default', 'my pool', 'vm_1.qcow2', 'ünïcode']) expect(objectNameSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['', 'a/b', 'tab\there', ' lead', 'trail ']) expect(objectNameSchema.safeParse(bad).success).toBe(false);
  });

  it('a new object gets a short, file- and URL-safe name, with the form’s words when refused', () => {
    expect(newObjectNameSchema.parse('  web-01 ')).toBe('web-01');
    expect(newObjectNameSchema.safeParse('my vm').error?.issues[0]?.message).toMatch(/letters, digits/);
    expect(newObjectNameSchema.safeParse('-x').success).toBe(false);
    expect(newObjectNameSchema.safeParse('x'.repeat(65)).error?.issues[0]?.message).toBe('at most 64 characters');
  });

  it('a host path is absolute, without ".." or control characters', () => {
    expect(absolutePathSchema.safeParse('/var/lib/libvirt/images').success).toBe(true);
    for (const bad of ['relative', '/a/../etc', '/a\nb']) expect(absolutePathSchema.safeParse(bad).success).toBe(false);
  });
});
