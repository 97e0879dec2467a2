import type { ApplicationType, Importance, Pillar } from '../../shared/domain/taxonomy';

// PROVISIONAL until shared/sla lands in this change: calendar hours.
export function initialDeadline(
  submittedAt: Date,
  application: { type: ApplicationType; importance: Importance; pillar: Pillar },
): Date {
  const hours = application.importance === 'critical' ? 24 : application.type === 'complaint' ? 72 : 120;
  return new Date(submittedAt.getTime() + hours * 3_600_000);
}
