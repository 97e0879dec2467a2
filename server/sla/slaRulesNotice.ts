import { SlaRulesNotice } from '../../shared/protocol/slaRulesProtocol';

/** The Postgres channel a saved rule version is announced on, to every hub process (slaRulesStore.ts sends it). */
export const SLA_RULES_CHANNEL = 'sla_rules';

export type SlaRulesHeard =
  | { ok: true; version: number }
  /** Why a payload was refused: a code and, for a bad shape, where. */
  | { ok: false; reason: 'notJson' | 'badShape'; where?: string };

/** Reads a NOTIFY payload on the channel, checked with the same schema the consoles check the socket event with. */
export function readSlaRulesNotice(payload: string): SlaRulesHeard {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return { ok: false, reason: 'notJson' };
  }
  const parsed = SlaRulesNotice.safeParse(raw);
  if (parsed.success) return { ok: true, version: parsed.data.version };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: 'badShape', where: `${issue?.path.join('.') ?? ''}:${issue?.code ?? ''}` };
}
