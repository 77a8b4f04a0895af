import { describe, expect, it } from 'vitest';
import { filterByName } from './member-search';

const people = ['José Álvarez', 'Ann Lee', 'joanna', 'Bob'].map((name, i) => ({ id: String(i), info: { name } }));
const names = (list: readonly { info: { name: string } }[]) => list.map((member) => member.info.name);

describe('searching the member list by name', () => {
  it('matches part of a name, ignoring case and accents, keeping the list order', () => {
    expect(names(filterByName(people, 'jo'))).toEqual(['José Álvarez', 'joanna']);
    expect(names(filterByName(people, 'ALVAREZ'))).toEqual(['José Álvarez']);
    expect(names(filterByName(people, ' lee '))).toEqual(['Ann Lee']);
  });

  it('returns everyone for a blank query and nobody for a name that is not here', () => {
    expect(filterByName(people, '   ')).toBe(people);
    expect(filterByName(people, 'zed')).toEqual([]);
  });
});
