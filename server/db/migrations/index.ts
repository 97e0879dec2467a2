import * as v0001 from './0001_initial';
import * as v0002 from './0002_staff_auth';
import * as v0003 from './0003_operations';
import * as v0004 from './0004_sla_rules';
import * as v0005 from './0005_alert_sync';
import * as v0006 from './0006_case_clocks';
import * as v0007 from './0007_focal_point_load';
import * as v0008 from './0008_sla_recompute_runs';
import * as v0009 from './0009_next_referral';

/** One entry per schema version, in order. Append; never edit a shipped one. */
export const HUB_MIGRATIONS: readonly { version: number; name: string; up: string }[] = [
  { version: 1, name: 'initial', up: v0001.up },
  { version: 2, name: 'staff auth', up: v0002.up },
  { version: 3, name: 'operations', up: v0003.up },
  { version: 4, name: 'sla rules', up: v0004.up },
  { version: 5, name: 'alert sync', up: v0005.up },
  { version: 6, name: 'case clocks', up: v0006.up },
  { version: 7, name: 'focal point load', up: v0007.up },
  { version: 8, name: 'sla recompute runs', up: v0008.up },
  { version: 9, name: 'next referral', up: v0009.up },
].sort((a, b) => a.version - b.version);
