import { COMMAND_INPUTS, type CommandName } from '../../shared/domain/commands';
import type { StaffRole } from './actor';
import { CASE_COMMAND_HANDLERS, type CommandHandler } from './caseCommands';
import { SUPPORT_COMMAND_HANDLERS } from './supportCommands';
import { SLA_RULE_COMMAND_HANDLERS } from './slaRuleCommands';

const ROOM: readonly StaffRole[] = ['operator', 'supervisor', 'support', 'administrator'];
const SUPPORT: readonly StaffRole[] = ['support', 'supervisor', 'administrator'];
const FOCAL: readonly StaffRole[] = ['focalPoint'];

/** Who may run each command: checked on the hub for every call, whatever the client shows. */
export const COMMAND_ROLES: Record<CommandName, readonly StaffRole[]> = {
  reassignCase: ['supervisor', 'administrator'],
  chaseFocalPoint: ROOM,
  addNote: [...ROOM, 'focalPoint'],
  claimCase: ROOM,
  acknowledgeAlert: ROOM,
  acceptCase: FOCAL,
  answerCase: FOCAL,
  askCitizen: FOCAL,
  closeCase: FOCAL,
  referCase: FOCAL,
  replyToChase: FOCAL,
  openSupportTicket: FOCAL,
  replyToTicket: [...SUPPORT, 'focalPoint'],
  assignTicket: SUPPORT,
  resolveTicket: SUPPORT,
  updateWorkingCalendar: ['administrator'],
  updateSlaMatrix: ['administrator'],
  updateLadderWindows: ['administrator'],
};

export const COMMAND_HANDLERS: { [N in CommandName]: CommandHandler<N> } = {
  ...CASE_COMMAND_HANDLERS,
  ...SUPPORT_COMMAND_HANDLERS,
  ...SLA_RULE_COMMAND_HANDLERS,
};

export const COMMAND_NAMES = Object.keys(COMMAND_INPUTS) as CommandName[];
