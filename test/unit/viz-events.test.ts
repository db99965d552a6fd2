import { describe, expect, it } from 'vitest';
import { assignLanes, describeDistricts, eventMarks, type DistrictInfo } from '../../viz/events';
import { monthRange } from '../../viz/months';

// Policy events as chart marks: labels, where they apply, numbering and badge lanes.

const DISTRICTS = new Map<string, DistrictInfo>([
  ['be-antwerpen', { name: 'Antwerpen', country: 'BE' }],
  ['be-limburg', { name: 'Limburg', country: 'BE' }],
  ['be-leuven', { name: 'Leuven', country: 'BE' }],
  ['nl-limburg', { name: 'Limburg', country: 'NL' }],
  ['nl-rotterdam', { name: 'Rotterdam', country: 'NL' }],
]);

describe('describeDistricts', () => {
  it('names whole countries, lists a few districts and counts the rest', () => {
    expect(describeDistricts(['be-antwerpen', 'be-limburg', 'be-leuven'], DISTRICTS)).toBe('all of Belgium');
    expect(describeDistricts(['nl-limburg', 'nl-rotterdam', 'be-antwerpen', 'be-limburg', 'be-leuven'], DISTRICTS)).toBe('all of Belgium and all of the Netherlands');
    expect(describeDistricts(['be-antwerpen'], DISTRICTS)).toBe('Antwerpen');
    expect(describeDistricts(['be-antwerpen', 'nl-rotterdam'], DISTRICTS)).toBe('Antwerpen and Rotterdam');
    expect(describeDistricts([], DISTRICTS)).toBe('no district');
    expect(describeDistricts(['xx-unknown'], DISTRICTS)).toBe('xx-unknown');
  });

  it('tells the two Limburgs apart', () => {
    expect(describeDistricts(['be-limburg', 'nl-limburg'], DISTRICTS)).toBe('Limburg (BE) and Limburg (NL)');
  });

  it('shortens long lists', () => {
    const many = new Map<string, DistrictInfo>(['a', 'b', 'c', 'd', 'e'].map((x) => [`nl-${x}`, { name: x.toUpperCase(), country: 'NL' }]));
    many.set('nl-z', { name: 'Z', country: 'NL' });
    expect(describeDistricts(['nl-a', 'nl-b', 'nl-c', 'nl-d', 'nl-e'], many)).toBe('A, B, C and 2 more districts');
  });
});

describe('assignLanes', () => {
  it('puts starts closer than the gap in different lanes and reuses free lanes', () => {
    expect(assignLanes([0, 1, 2, 20, 21], 5)).toEqual([0, 1, 2, 0, 1]);
    expect(assignLanes([20, 0], 5)).toEqual([0, 0]);
    expect(assignLanes([], 5)).toEqual([]);
  });
});

describe('eventMarks', () => {
  const months = monthRange('2010-01', '2013-12');

  it('numbers events by start, labels them (type when no label) and places them in months of the run', () => {
    const marks = eventMarks(
      [
        { type: 'short-blows', start: '2012-03-01', districts: ['be-limburg'] },
        { type: 'i-criterion', label: 'I-criterion south', start: '2011-05-01', end: '2012-12-31', districts: ['nl-limburg'] },
      ],
      DISTRICTS,
      months,
    );
    expect(marks.map((m) => [m.n, m.label, m.from, m.to, m.where, m.startsBefore])).toEqual([
      [1, 'I-criterion south', 16, 35, 'Limburg (NL)', false],
      [2, 'short-blows', 26, null, 'Limburg (BE)', false],
    ]);
  });

  it('clamps an event that starts before the run and leaves out events wholly outside it', () => {
    const marks = eventMarks(
      [
        { type: 'capacity', start: '2005-01-01', districts: ['be-antwerpen'] },
        { type: 'capacity', label: 'over', start: '2003-01-01', end: '2004-12-31', districts: ['be-antwerpen'] },
        { type: 'capacity', label: 'later', start: '2020-01-01', districts: ['be-antwerpen'] },
        { type: 'capacity', label: 'runs past the end', start: '2013-06-01', end: '2030-01-01', districts: ['be-antwerpen'] },
      ],
      DISTRICTS,
      months,
    );
    expect(marks.map((m) => [m.label, m.from, m.to, m.startsBefore])).toEqual([
      ['capacity', 0, null, true],
      ['runs past the end', 41, null, false],
    ]);
  });

  it('stacks badges of events that start close together', () => {
    const marks = eventMarks(
      [
        { type: 'a', start: '2012-01-01', districts: [] },
        { type: 'b', start: '2012-02-01', districts: [] },
        { type: 'c', start: '2013-06-01', districts: [] },
      ],
      DISTRICTS,
      months,
    );
    expect(marks.map((m) => m.lane)).toEqual([0, 1, 0]);
  });

  it('keeps a label of blanks from hiding the event', () => {
    expect(eventMarks([{ type: 'stroomplan', label: '  ', start: '2011-01-01', districts: ['be-antwerpen'] }], DISTRICTS, months)[0].label).toBe('stroomplan');
  });
});
