import { v001 } from './v001_initial';
import { v002 } from './v002_case_claims';

export interface CacheMigration {
  version: number;
  name: string;
  up: string;
}

/** One file per schema version, in order. Append; never edit a shipped one. */
export const CACHE_MIGRATIONS: readonly CacheMigration[] = [v001, v002];
export const CACHE_SCHEMA_VERSION = CACHE_MIGRATIONS.at(-1)!.version;
