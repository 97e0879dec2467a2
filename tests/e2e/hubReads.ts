import { authorized } from '../support/staffSession';

/** A case as a hub holds it now, found by its number (read as a supervisor, from the sync snapshot). */
export interface CaseOnHub {
  id: string;
  number: string;
  version: number;
  entityId: string;
  claimedBy: string | null;
}

export async function caseOnHub(hubUrl: string, caseNumber: string): Promise<CaseOnHub> {
  const headers = await authorized(hubUrl, 'khaled');
  const text = await (await fetch(`${hubUrl}/api/sync/snapshot/cases?limit=20000`, { headers })).text();
  const found = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CaseOnHub)
    .find((c) => c.number === caseNumber);
  if (!found) throw new Error(`the hub at ${hubUrl} has no case ${caseNumber}`);
  return found;
}

/** A case's history as the hub serves it: its chases and the operation room's notes. */
export interface HistoryOnHub {
  events: { kind: string; actor: string }[];
  chases: { channel: string; message: string; sentBy: string }[];
  notes: { author: string; body: string }[];
}

export async function historyOnHub(hubUrl: string, caseId: string): Promise<HistoryOnHub> {
  const headers = await authorized(hubUrl, 'khaled');
  return (await (await fetch(`${hubUrl}/api/cases/${caseId}/history`, { headers })).json()) as HistoryOnHub;
}
