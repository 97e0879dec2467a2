import type { HubDatabase } from '../db/hubDatabase';
import { casesByClientId, writeApplications, type Accepted, type ParsedIntake } from './applicationWrite';

export type { ParsedIntake } from './applicationWrite';

/**
 * A citizen's application enters the platform: numbered, routed to the
 * entity's least-loaded focal point, given its deadline, and logged as a
 * change. A resend with the same clientId returns the first result.
 */
export async function submitApplication(
  db: HubDatabase,
  application: ParsedIntake,
  now: Date = new Date(),
): Promise<Accepted> {
  try {
    return await insertApplication(db, application, now);
  } catch (error) {
    // Two resends racing: the loser of the unique clientId gets the winner's result.
    if ((error as { code?: string }).code === '23505') {
      const existing = (await casesByClientId(db, [application.clientId])).get(application.clientId);
      if (existing) return { ...existing, replayed: true };
    }
    throw error;
  }
}

async function insertApplication(db: HubDatabase, application: ParsedIntake, now: Date): Promise<Accepted> {
  const [outcome] = await db.transaction((tx) => writeApplications(tx, [{ application, now }]));
  if ('error' in outcome!) throw outcome.error;
  return outcome!;
}
