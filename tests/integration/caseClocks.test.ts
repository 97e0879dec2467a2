import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transitionCase } from '../../server/cases/caseTransitions';
import { loadSlaRules } from '../../server/sla/slaRulesStore';
import { CaseRecord } from '../../shared/domain/caseRecord';
import type { CaseStatus } from '../../shared/domain/taxonomy';
import { addWorkingMinutes, timedCaseOfRecord, timersOfCase } from '../../shared/sla';
import { hubFixture } from '../support/hubFixture';
import { hubTargets } from '../support/hubDatabaseTargets';
import { postApplication, sampleApplication } from '../support/sampleApplication';

// The desk counts down from the synced row with the shared code; the hub acts
// on the deadlines it stored. For any case history and any clock, they agree.

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

  it('the desk’s timers from the synced row agree with the deadlines the hub acts on, for any history and clock', async () => {
    const rules = await loadSlaRules(fixture.hub.db);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        // Steps between changes, in working minutes (0 = at once), and a clock reading some time after the last.
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.constantFrom('critical', 'high', 'normal', 'low') as fc.Arbitrary<'critical' | 'high' | 'normal' | 'low'>,
        async (path, steps, laterMinutes, importance) => {
          const posted = await postApplication(fixture.hub.url, sampleApplication({ importance }));
          const id = posted.json.id as string;
          let at = Date.parse((await recordOf(id)).submittedAt);
          for (const [i, status] of path.entries()) {
            at = addWorkingMinutes(rules.calendar, at, steps[i]!) + 1000 * (i + 1);
            await transitionCase(fixture.hub.db, id, { to: status, actor: 'focalPoint:test', at: new Date(at) });
          }
          const record = await recordOf(id);
          const now = addWorkingMinutes(rules.calendar, at, laterMinutes);
          const desk = timersOfCase(timedCaseOfRecord(record), rules, now);

          const paused = record.status === 'awaitingCitizen';
          // While waiting for the citizen the desk projects "if resumed now"; the hub keeps the deadline it had.
          if (!paused) {
            expect(desk.resolution.dueAtMs).toBe(Date.parse(record.dueAt!));
            if (record.firstResponseDueAt)
              expect(desk.firstResponse.dueAtMs).toBe(Date.parse(record.firstResponseDueAt));
            if (record.updateDueAt) expect(desk.update.dueAtMs).toBe(Date.parse(record.updateDueAt));
          }
          // A clock the hub stopped for good is stopped on the desk too.
          expect(record.firstResponseDueAt === null).toBe(desk.firstResponse.stoppedAtMs !== null);
          // The desk shows "breached" exactly when the hub's ladder and sweeps would act.
          if (!paused && desk.resolution.stoppedAtMs === null) {
            expect(desk.resolution.state === 'breached').toBe(now > Date.parse(record.dueAt!));
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
