import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from '../../sim/scenario';

describe('did you mean', () => {
  it('counts edits', () => {
    expect(editDistance('polices', 'policies')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the closest candidate, ignoring case', () => {
    expect(closestMatch('be-limbourg', ['be-antwerpen', 'be-limburg', 'nl-limburg'])).toBe('be-limburg');
    expect(closestMatch('Policies', ['name', 'policies'])).toBe('policies');
    expect(didYouMean('i-critrion', ['capacity', 'i-criterion'])).toBe('Did you mean "i-criterion"?');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(closestMatch('zzzzzz', ['name', 'policies'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });
});
