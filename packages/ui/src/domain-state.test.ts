import { describe, expect, it } from 'vitest';
import { domainStateLabel, domainStateTone } from './domain-state';

describe('domain state presentation', () => {
  it('gives every state a label and a tone', () => {
    expect(Object.keys(domainStateLabel).sort()).toEqual(Object.keys(domainStateTone).sort());
    expect(domainStateTone.running).toBe('green');
    expect(domainStateTone.crashed).toBe('red');
  });
});
