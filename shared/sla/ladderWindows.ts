import { z } from 'zod';
import { WORKING_DAY_MINUTES } from './slaMatrix';

// How long each level of an entity's ladder holds a late case. One set of
// windows is the default; an entity that agreed other windows (a ministry
// whose secretary-general answers within a day, say) overrides some of them.
// Documents stored before overrides existed have no `entities` and still load.

/** A working year: a longer window is a typo, and it would walk the calendar a long way. */
export const MAX_LADDER_WINDOW_MINUTES = 250 * WORKING_DAY_MINUTES;
/** Every entity in the country with room to spare (the demo seeds about a hundred). */
export const MAX_LADDER_OVERRIDES = 1000;

const rungs = {
  /** The focal point's window runs from the breach; 0 refers the case to the director at once. */
  focalPoint: z.int().nonnegative().max(MAX_LADDER_WINDOW_MINUTES),
  director: z.int().positive().max(MAX_LADDER_WINDOW_MINUTES),
  secretaryGeneral: z.int().positive().max(MAX_LADDER_WINDOW_MINUTES),
};

/** Working minutes each level holds a breached case before it is referred up; the minister, at the top, has none. */
export const RungWindows = z.object(rungs);
/**
 * One entity's windows, already resolved. `entities` may not be present, so the
 * whole ladder document cannot be handed to the schedule by mistake: it has to
 * go through `ladderWindowsFor` first.
 */
export type RungWindows = z.infer<typeof RungWindows> & { readonly entities?: never };

/** Entity codes as entities carry them (`EntityRecord.code`). */
const EntityCode = z.string().min(1).max(32);

/** The ladder document: default windows, and per entity (by code) the windows it overrides. */
export const LadderWindows = RungWindows.extend({
  // Strict, so a misspelt level is refused rather than silently ignored.
  entities: z
    .record(EntityCode, z.object(rungs).partial().strict())
    .refine((overrides) => Object.keys(overrides).length <= MAX_LADDER_OVERRIDES, {
      message: `at most ${MAX_LADDER_OVERRIDES} entities may override the ladder`,
    })
    .optional(),
});
export type LadderWindows = z.infer<typeof LadderWindows>;

export const DEFAULT_LADDER_WINDOWS: RungWindows = Object.freeze({
  // Referred to the director the moment the deadline passes.
  focalPoint: 0,
  director: 2 * WORKING_DAY_MINUTES,
  secretaryGeneral: 2 * WORKING_DAY_MINUTES,
});

/**
 * The windows of one entity's ladder: its overrides over the defaults. An
 * entity without overrides, or a code the document does not know (null: the
 * entity is not known here yet), gets the defaults.
 */
export function ladderWindowsFor(ladder: LadderWindows, entityCode: string | null): RungWindows {
  // Own keys only: a code such as "constructor" must not find Object.prototype's.
  const overrides = ladder.entities;
  const override =
    entityCode !== null && overrides && Object.hasOwn(overrides, entityCode) ? overrides[entityCode] : undefined;
  return {
    focalPoint: override?.focalPoint ?? ladder.focalPoint,
    director: override?.director ?? ladder.director,
    secretaryGeneral: override?.secretaryGeneral ?? ladder.secretaryGeneral,
  };
}
