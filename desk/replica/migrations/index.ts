import { v001 } from './v001_initial';
import { v002 } from './v002_case_claims';
import { v003 } from './v003_case_search';
import { v004 } from './v004_outbox';
import { v005 } from './v005_alerts';
import { v006 } from './v006_case_clocks';
import { v007 } from './v007_queue_windows';
import { v008 } from './v008_desk_views';
import { v009 } from './v009_stalled_index';
import { v010 } from './v010_search_pending';
import { v011 } from './v011_outbox_basis';
import { v012 } from './v012_search_owed_once';
import { v013 } from './v013_clock_windows';
import { v014 } from './v014_settled_outcomes';
import { v015 } from './v015_pause_start';
import { v016 } from './v016_search_stems';

export interface ReplicaMigration {
  version: number;
  name: string;
  up: string;
  /** The migration adds an index the code must fill from existing rows. */
  reindex?: boolean;
}

/**
 * One file per schema version, in order. Append; never edit a shipped one
 * (each keeps its own copy of what it needs). Then bring replicaSchema.ts,
 * what the live code reads the schema from, up to the new version.
 */
export const REPLICA_MIGRATIONS: readonly ReplicaMigration[] = [
  v001,
  v002,
  v003,
  v004,
  v005,
  v006,
  v007,
  v008,
  v009,
  v010,
  v011,
  v012,
  v013,
  v014,
  v015,
  v016,
];
