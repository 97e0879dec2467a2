import type { ApplicationType, Importance, Pillar } from '../../shared/domain/taxonomy';
import {
  addWorkingMinutes,
  DEFAULT_JORDAN_CALENDAR,
  DEFAULT_SLA_MATRIX,
  slaTargetsFor,
  type SlaMatrix,
  type WorkingCalendar,
} from '../../shared/sla';

export interface SlaRules {
  calendar: WorkingCalendar;
  matrix: SlaMatrix;
}

export const DEFAULT_SLA_RULES: SlaRules = { calendar: DEFAULT_JORDAN_CALENDAR, matrix: DEFAULT_SLA_MATRIX };

/** A new case's resolution deadline: its SLA target in working time from submission, on the working calendar. */
export function initialDeadline(
  submittedAt: Date,
  application: { type: ApplicationType; importance: Importance; pillar: Pillar },
  rules: SlaRules = DEFAULT_SLA_RULES,
): Date {
  const targets = slaTargetsFor(rules.matrix, application.type, application.importance, application.pillar);
  return new Date(addWorkingMinutes(rules.calendar, submittedAt.getTime(), targets.resolutionMinutes));
}
