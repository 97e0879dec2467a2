import { z } from 'zod';
import { LadderWindows, SlaMatrix, WorkingCalendar } from '../sla';

/**
 * Commands to the hub: what the operation room, focal points and citizens may
 * ask of a case. Each carries a client id minted once, when the action is
 * queued, so a resend is recognised and answered with the first result.
 */
const ClientId = z.string().min(8).max(100);
const CaseId = z.uuid();
const Text = (max: number) => z.string().trim().min(1).max(max);

export const CHASE_CHANNELS = ['notice', 'sms', 'email', 'phone'] as const;
export const ChaseChannel = z.enum(CHASE_CHANNELS);
export type ChaseChannel = z.infer<typeof ChaseChannel>;

export const TICKET_CATEGORIES = ['login', 'howTo', 'bug', 'dataCorrection', 'training', 'other'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/**
 * What an edit of the SLA rules was built on, so that two administrators never
 * overwrite each other: the hub's rules version the desk held when the edit
 * began (`version`: the newest saved, 0 for the built-in defaults), or an
 * earlier edit of the same document from the same desk that the hub had not
 * answered yet (`clientId`: built on that edit's result). The hub refuses an
 * edit whose document has a newer version than its basis (409 `rulesChanged`).
 */
export const RuleBasis = z.union([
  z.object({ version: z.number().int().nonnegative() }).strict(),
  z.object({ clientId: ClientId }).strict(),
]);
export type RuleBasis = z.infer<typeof RuleBasis>;

export const COMMAND_INPUTS = {
  // Operation room
  reassignCase: z
    .object({
      clientId: ClientId,
      caseId: CaseId,
      /** The case version the operator saw: a stale one is refused with a conflict that says who changed what. */
      expectedVersion: z.number().int().positive(),
      toEntityCode: z.string().min(1).max(32),
      toFocalPointId: z.string().min(1).max(64).nullable().default(null),
      reason: Text(1000),
    })
    .strict(),
  chaseFocalPoint: z
    .object({
      clientId: ClientId,
      caseId: CaseId,
      channel: ChaseChannel,
      template: z.string().min(1).max(64),
      message: Text(2000),
    })
    .strict(),
  addNote: z.object({ clientId: ClientId, caseId: CaseId, body: Text(4000) }).strict(),
  claimCase: z.object({ clientId: ClientId, caseId: CaseId, claim: z.boolean() }).strict(),
  acknowledgeAlert: z.object({ clientId: ClientId, alertId: z.uuid() }).strict(),
  // Focal points
  acceptCase: z.object({ clientId: ClientId, caseId: CaseId }).strict(),
  answerCase: z.object({ clientId: ClientId, caseId: CaseId, answer: Text(4000) }).strict(),
  askCitizen: z.object({ clientId: ClientId, caseId: CaseId, question: Text(2000) }).strict(),
  closeCase: z.object({ clientId: ClientId, caseId: CaseId }).strict(),
  referCase: z
    .object({ clientId: ClientId, caseId: CaseId, toEntityCode: z.string().min(1).max(32), reason: Text(1000) })
    .strict(),
  replyToChase: z.object({ clientId: ClientId, chaseId: z.uuid(), answer: Text(2000) }).strict(),
  openSupportTicket: z
    .object({
      clientId: ClientId,
      category: z.enum(TICKET_CATEGORIES),
      priority: z.enum(TICKET_PRIORITIES).default('normal'),
      subject: Text(200),
      message: Text(4000),
    })
    .strict(),
  // Support desk
  replyToTicket: z.object({ clientId: ClientId, ticketId: z.uuid(), message: Text(4000) }).strict(),
  assignTicket: z.object({ clientId: ClientId, ticketId: z.uuid(), assignee: z.string().min(1).max(100) }).strict(),
  resolveTicket: z.object({ clientId: ClientId, ticketId: z.uuid(), message: Text(4000) }).strict(),
  // Administrators: the SLA rules, each change with its reason (e.g. the circular that announced it)
  // and the basis it was built on (a stale one is refused).
  updateWorkingCalendar: z
    .object({ clientId: ClientId, calendar: WorkingCalendar, basedOn: RuleBasis, reason: Text(500) })
    .strict(),
  updateSlaMatrix: z.object({ clientId: ClientId, matrix: SlaMatrix, basedOn: RuleBasis, reason: Text(500) }).strict(),
  updateLadderWindows: z
    .object({ clientId: ClientId, ladder: LadderWindows, basedOn: RuleBasis, reason: Text(500) })
    .strict(),
} as const;

export type CommandName = keyof typeof COMMAND_INPUTS;
export type CommandInput<N extends CommandName> = z.output<(typeof COMMAND_INPUTS)[N]>;

/** The citizen's own actions, proven by the phone number the application was made with. */
export const CitizenRating = z
  .object({
    clientId: ClientId,
    phone: z.string().regex(/^\+?[0-9 ]{7,20}$/),
    rating: z.number().int().min(1).max(5),
    comment: z.string().trim().max(2000).default(''),
  })
  .strict();
export const CitizenReopen = z
  .object({ clientId: ClientId, phone: z.string().regex(/^\+?[0-9 ]{7,20}$/), reason: Text(2000) })
  .strict();

export const CommandResult = z.object({
  ok: z.literal(true),
  command: z.string(),
  /** The change-log position of the effect, when it changed a synced row. */
  seq: z.number().int().nullable(),
  id: z.string().nullable(),
  replayed: z.boolean(),
});
export type CommandResult = z.infer<typeof CommandResult>;
