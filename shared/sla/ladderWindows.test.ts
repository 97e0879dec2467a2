import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LADDER_WINDOWS,
  LadderWindows,
  MAX_LADDER_OVERRIDES,
  MAX_LADDER_WINDOW_MINUTES,
  RungWindows,
  ladderWindowsFor,
} from './ladderWindows';

const ladder = LadderWindows.parse({
  ...DEFAULT_LADDER_WINDOWS,
  entities: {
    MOH: { director: 120 },
    MOE: { focalPoint: 60, director: 420, secretaryGeneral: 1260 },
    GAM: {},
  },
});

describe('ladderWindowsFor', () => {
  it.each([
    ['an entity with no override', 'MOI', { focalPoint: 0, director: 840, secretaryGeneral: 840 }],
    ['a partial override', 'MOH', { focalPoint: 0, director: 120, secretaryGeneral: 840 }],
    ['an override of all three', 'MOE', { focalPoint: 60, director: 420, secretaryGeneral: 1260 }],
    ['an empty override', 'GAM', { focalPoint: 0, director: 840, secretaryGeneral: 840 }],
    ['an unknown code', 'XYZ', { focalPoint: 0, director: 840, secretaryGeneral: 840 }],
    ['a code every object has a property for', 'constructor', { focalPoint: 0, director: 840, secretaryGeneral: 840 }],
    ['no code (the entity is not known yet)', null, { focalPoint: 0, director: 840, secretaryGeneral: 840 }],
  ])('%s', (_, code, expected) => {
    expect(ladderWindowsFor(ladder, code)).toEqual(expected);
  });

  it('reads a document stored before overrides existed', () => {
    const old = LadderWindows.parse({ focalPoint: 30, director: 600, secretaryGeneral: 900 });
    expect(old.entities).toBeUndefined();
    expect(ladderWindowsFor(old, 'MOH')).toEqual({ focalPoint: 30, director: 600, secretaryGeneral: 900 });
  });

  it('follows the document’s defaults, not the built-in ones', () => {
    const slow = LadderWindows.parse({ focalPoint: 30, director: 600, secretaryGeneral: 900, entities: { MOH: {} } });
    expect(ladderWindowsFor(slow, 'MOH')).toEqual({ focalPoint: 30, director: 600, secretaryGeneral: 900 });
  });
});

describe('validating the ladder', () => {
  it('keeps the default windows', () => {
    expect(RungWindows.parse(DEFAULT_LADDER_WINDOWS)).toEqual({ focalPoint: 0, director: 840, secretaryGeneral: 840 });
  });

  it.each([
    ['a negative focal-point window', { focalPoint: -1 }],
    ['a zero director window', { director: 0 }],
    ['a zero secretary-general window', { secretaryGeneral: 0 }],
    ['a fractional window', { director: 1.5 }],
    ['a window longer than a working year', { director: MAX_LADDER_WINDOW_MINUTES + 1 }],
  ])('refuses %s, as a default or an override', (_, bad) => {
    expect(LadderWindows.safeParse({ ...DEFAULT_LADDER_WINDOWS, ...bad }).success).toBe(false);
    expect(LadderWindows.safeParse({ ...DEFAULT_LADDER_WINDOWS, entities: { MOH: bad } }).success).toBe(false);
  });

  it.each([
    ['a misspelt level', { secretaryGenral: 60 }],
    ['a window for the minister, who has none', { minister: 60 }],
  ])('refuses %s in an override', (_, bad) => {
    expect(LadderWindows.safeParse({ ...DEFAULT_LADDER_WINDOWS, entities: { MOH: bad } }).success).toBe(false);
  });

  it('refuses an empty or over-long entity code', () => {
    expect(LadderWindows.safeParse({ ...DEFAULT_LADDER_WINDOWS, entities: { '': {} } }).success).toBe(false);
    expect(LadderWindows.safeParse({ ...DEFAULT_LADDER_WINDOWS, entities: { ['X'.repeat(33)]: {} } }).success).toBe(
      false,
    );
  });

  it(`accepts overrides for up to ${MAX_LADDER_OVERRIDES} entities`, () => {
    const many = (n: number) => ({
      ...DEFAULT_LADDER_WINDOWS,
      entities: Object.fromEntries(Array.from({ length: n }, (_, i) => [`E${i}`, { director: 60 }])),
    });
    expect(LadderWindows.safeParse(many(MAX_LADDER_OVERRIDES)).success).toBe(true);
    expect(LadderWindows.safeParse(many(MAX_LADDER_OVERRIDES + 1)).success).toBe(false);
  });
});
