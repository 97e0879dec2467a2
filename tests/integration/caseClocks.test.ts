import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deskSlaRules } from '../../desk/sla/deskSlaRules';
import { ladderPosition } from '../../desk/cases/caseDetailService';
import { transitionCase } from '../../server/cases/caseTransitions';
import type { Actor } from '../../server/commands/actor';
import { executeCommand } from '../../server/commands/commandRoutes';
import { referOverdueCases } from '../../server/jobs/escalationJob';
import { loadSlaRules, readSlaRulesVersion } from '../../server/sla/slaRulesStore';
import { CaseRecord } from '../../shared/domain/caseRecord';
import type { CaseStatus } from '../../shared/domain/taxonomy';
import {
  DEFAULT_LADDER_WINDOWS,
  addWorkingMinutes,
  escalationRank,
  timedCaseOfRecord,
  timersOfCase,
} from '../../shared/sla';
import { hubFixture } from '../support/hubFixture';
import { hubTargets } from '../support/hubDatabaseTargets';
import { postApplication, sampleApplication } from '../support/sampleApplication';
import { authorized } from '../support/staffSession';

// The desk counts down from the synced row with the shared code; the hub acts
// on the deadlines it stored. For any case history and any clock, they agree,
// and so do the desk's ladder and the hub's referrals, for an entity with
// windows of its own (MOH here) as for one on the defaults (MOE).

const admin: Actor = { userId: 'admin', role: 'administrator', entityId: null, focalPointId: null };
// Far from the defaults (0, 840, 840), so that the two entities sit on different rungs for most clocks.
const OWN_WINDOWS = { focalPoint: 420, director: 2520, secretaryGeneral: 4200 };

/** Lifecycles a focal point can take a new case through, from 'assigned'. */
const PATHS: readonly (readonly CaseStatus[])[] = [
  [],
  ['inProgress'],
  ['awaitingCitizen'],
  ['awaitingCitizen', 'inProgress'],
  ['inProgress', 'awaitingCitizen', 'inProgress', 'awaitingCitizen'],
  ['inProgress', 'awaitingCitizen', 'inProgress', 'answered'],
  ['awaitingCitizen', 'closed'],
  ['answered', 'reopened', 'inProgress'],
];

describe.each(await hubTargets())('case clocks on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 5, seed: 2 } });

  const recordOf = async (id: string) => {
    const [row] = (await fixture.hub.db.query('SELECT row FROM case_records WHERE id = $1::uuid', [id])) as {
      row: unknown;
    }[];
    return CaseRecord.parse(typeof row!.row === 'string' ? JSON.parse(row!.row) : row!.row);
  };

  /** The rules as a desk holds them: fetched from the hub and parsed by the desk's own code. */
  const deskRules = async () => {
    const response = await fetch(`${fixture.hub.url}/api/sla/rules`, { headers: await authorized(fixture.hub.url) });
    const text = await response.text();
    return deskSlaRules({ meta: (key) => (key === 'slaRules' ? text : null) })();
  };

  it('the desk’s timers and ladder from the synced row agree with the deadlines and referrals of the hub, for any history and clock', async () => {
    await executeCommand(fixture.hub.db, 'updateLadderWindows', admin, {
      clientId: randomUUID(),
      ladder: { ...DEFAULT_LADDER_WINDOWS, entities: { MOH: OWN_WINDOWS } },
      basedOn: { version: await readSlaRulesVersion(fixture.hub.db) },
      reason: 'Ministry of Health agreement',
    });
    const rules = await loadSlaRules(fixture.hub.db);
    const desk = await deskRules();
    expect(desk.ladder.entities?.MOH).toEqual(OWN_WINDOWS);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        // Steps between changes, in working minutes (0 = at once), and a clock reading some time after the last.
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.constantFrom('critical', 'high', 'normal', 'low') as fc.Arbitrary<'critical' | 'high' | 'normal' | 'low'>,
        fc.constantFrom('MOH', 'MOE'),
        async (path, steps, laterMinutes, importance, entityCode) => {
          const posted = await postApplication(fixture.hub.url, sampleApplication({ importance, entityCode }));
          const id = posted.json.id as string;
          let at = Date.parse((await recordOf(id)).submittedAt);
          for (const [i, status] of path.entries()) {
            at = addWorkingMinutes(rules.calendar, at, steps[i]!) + 1000 * (i + 1);
            await transitionCase(fixture.hub.db, id, { to: status, actor: 'focalPoint:test', at: new Date(at) });
          }
          const now = addWorkingMinutes(rules.calendar, at, laterMinutes);
          // The hub's referral job runs at that clock; the desk then reads the row it published.
          await referOverdueCases(fixture.hub.db, new Date(now), rules, rules.ladder);
          const record = await recordOf(id);
          const timers = timersOfCase(timedCaseOfRecord(record), desk, now);

          const paused = record.status === 'awaitingCitizen';
          // While waiting for the citizen the desk projects "if resumed now"; the hub keeps the deadline it had.
          if (!paused) {
            expect(timers.resolution.dueAtMs).toBe(Date.parse(record.dueAt!));
            if (record.firstResponseDueAt)
              expect(timers.firstResponse.dueAtMs).toBe(Date.parse(record.firstResponseDueAt));
            if (record.updateDueAt) expect(timers.update.dueAtMs).toBe(Date.parse(record.updateDueAt));
          }
          // A clock the hub stopped for good is stopped on the desk too.
          expect(record.firstResponseDueAt === null).toBe(timers.firstResponse.stoppedAtMs !== null);
          // The desk shows "breached" exactly when the hub's ladder and sweeps would act.
          if (!paused && timers.resolution.stoppedAtMs === null) {
            expect(timers.resolution.state === 'breached').toBe(now > Date.parse(record.dueAt!));
            // The rungs the desk shows as passed are exactly those the hub has referred the case to, and the
            // next one it shows is the one just above.
            const ladder = ladderPosition(record.escalationLevel, entityCode, timers.resolution.dueAtMs, desk, now);
            const passed = ladder.rungs.filter((r) => Date.parse(r.dueAt) < now);
            expect(record.escalationLevel).toBe(passed.at(-1)?.level ?? 'focalPoint');
            expect(ladder.rungs.every((r) => r.reached === Date.parse(r.dueAt) < now)).toBe(true);
            if (ladder.next) {
              expect(escalationRank(ladder.next.level)).toBe(escalationRank(record.escalationLevel) + 1);
              expect(Date.parse(ladder.next.dueAt)).toBeGreaterThanOrEqual(now);
            } else expect(record.escalationLevel).toBe('minister');
          }
        },
      ),
      { numRuns: target.name === 'postgres' ? 25 : 40 },
    );
  });

  it('keeps the pauses on the row, so a desk that was offline for them still counts them', async () => {
    const posted = await postApplication(fixture.hub.url, sampleApplication({ importance: 'normal' }));
    const id = posted.json.id as string;
    const rules = await loadSlaRules(fixture.hub.db);
    const submitted = Date.parse((await recordOf(id)).submittedAt);
    const asked = addWorkingMinutes(rules.calendar, submitted, 30);
    const answered = addWorkingMinutes(rules.calendar, asked, 90);
    await transitionCase(fixture.hub.db, id, { to: 'awaitingCitizen', actor: 'focalPoint:t', at: new Date(asked) });
    await transitionCase(fixture.hub.db, id, { to: 'inProgress', actor: 'citizen', at: new Date(answered) });
    const record = await recordOf(id);
    expect(record.pauses).toEqual([{ from: new Date(asked).toISOString(), to: new Date(answered).toISOString() }]);
    expect(record.lastUpdateAt).toBe(new Date(answered).toISOString());
    const timers = timersOfCase(timedCaseOfRecord(record), rules, answered);
    expect(timers.resolution.pausedWorkingMinutes).toBe(90);
    expect(timers.firstResponse.state).toBe('met');
  });
});
