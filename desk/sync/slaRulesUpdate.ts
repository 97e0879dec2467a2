import { z } from 'zod';
import { SlaRulesDocument, SlaRulesNotice, SlaRulesVersion } from '../../shared/protocol/slaRulesProtocol';

// The desk's rules for taking a new SLA rules version from the hub: pure, so
// each case is a row in a table test (slaRulesUpdate.test.ts).

/** The version of the rules held in the replica (meta 'slaRules'); null when none is held, or it cannot be read. */
export function heldRulesVersion(heldText: string | null): number | null {
  if (!heldText) return null;
  try {
    const parsed = z.object({ version: SlaRulesVersion }).safeParse(JSON.parse(heldText));
    return parsed.success ? parsed.data.version : null;
  } catch {
    return null;
  }
}

/**
 * Whether to fetch the rules, given the version held and the one the hub says
 * is in force (undefined: a hub too old to say). The hub is the authority: any
 * difference fetches, a newer version as well as an older one (its database
 * restored). A stale notice costs one fetch that changes nothing.
 */
export function rulesFetchNeeded(held: number | null, hub: number | undefined): boolean {
  return held === null || hub === undefined || hub !== held;
}

export type NoticeReading = { ok: true; version: number } | { ok: false; problem: string };

/** A `sla:rules` event from the hub, checked before it can cause anything. */
export function readRulesNotice(raw: unknown, held: number | null): NoticeReading {
  const parsed = SlaRulesNotice.safeParse(raw);
  if (parsed.success) return { ok: true, version: parsed.data.version };
  return {
    ok: false,
    problem: `The hub announced its SLA rules in an unknown shape (${firstIssue(parsed.error)}); ${keeping(held)}.`,
  };
}

export type RulesDecision =
  /** The same rules as held: nothing to do. */
  | { action: 'keep' }
  /** New rules: store `text` in place of the held ones, in one write. */
  | { action: 'replace'; version: number; text: string }
  /** The payload failed validation: the held rules stay, and `problem` says why in words. */
  | { action: 'refuse'; problem: string };

/**
 * What to do with the hub's answer to GET /api/sla/rules. Only a payload that
 * passes the shared schema is ever stored, as its parsed form (so what is held
 * always reads back); anything else leaves the held rules as they are.
 */
export function nextHeldRules(heldText: string | null, fetched: unknown): RulesDecision {
  const parsed = SlaRulesDocument.safeParse(fetched);
  if (!parsed.success) {
    const held = heldRulesVersion(heldText);
    return {
      action: 'refuse',
      problem: `The hub sent SLA rules that failed validation (${firstIssue(parsed.error)}); ${keeping(held)}.`,
    };
  }
  const text = JSON.stringify(parsed.data);
  return text === heldText ? { action: 'keep' } : { action: 'replace', version: parsed.data.version, text };
}

/** The words for what the desk keeps counting with meanwhile. */
export function keeping(held: number | null): string {
  return held === null ? 'counting with the built-in rules meanwhile' : `keeping the rules held (version ${held})`;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the payload';
  return `${where}: ${issue?.message ?? 'invalid'}`.slice(0, 200);
}
