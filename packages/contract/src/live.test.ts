import { describe, expect, it } from 'vitest';
import { applyDomainRow } from './live.ts';

const row = (uuid: string, state: string) => ({ uuid, state });

describe('applyDomainRow', () => {
  const list = [row('a', 'running'), row('b', 'shutoff')];

  it('replaces the named row and keeps the others as they were', () => {
    const next = applyDomainRow(list, 'b', row('b', 'running'));
    expect(next).toEqual([row('a', 'running'), row('b', 'running')]);
    expect(next[0]).toBe(list[0]);
    expect(list[1]!.state).toBe('shutoff');
  });

  it('adds a domain the list lacks and removes one that is gone', () => {
    expect(applyDomainRow(list, 'c', row('c', 'shutoff')).map((d) => d.uuid)).toEqual(['a', 'b', 'c']);
    expect(applyDomainRow(list, 'a', null)).toEqual([row('b', 'shutoff')]);
    expect(applyDomainRow(list, 'zz', null)).toEqual(list);
  });
});
