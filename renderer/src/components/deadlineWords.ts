import type { Language, QueueRow } from '../../../shared/contract/deskContract';
import type { CaseStatus } from '../../../shared/domain/taxonomy';
import { t } from '../../../shared/i18n/catalogue';
import { workingSpanText } from '../../../shared/sla/workingSpanText';

/** How the words are shown: a clock's state, or `settled` for a case whose outcome is history (no alarm). */
export type DeadlineTone = NonNullable<QueueRow['sla']>['state'] | 'settled';

/** Colours by tone (each keeps 4.5:1 on paper); the words carry the state too, never colour alone. */
export const DEADLINE_COLOUR: Record<DeadlineTone, string> = {
  breached: 'error.main',
  atRisk: 'warning.dark',
  paused: 'text.secondary',
  met: 'success.dark',
  running: 'text.primary',
  // A closed case's outcome is history, not an alarm.
  settled: 'text.secondary',
};

export interface DeadlineWords {
  text: string;
  tone: DeadlineTone;
}

/** What the words are about: the case's status and its resolution clock (the queue row's, or the case view's). */
export interface DeadlineSubject {
  status: CaseStatus;
  sla: QueueRow['sla'];
}

/**
 * A case's resolution deadline in words, the same in the queue row and the case view: working
 * time left or over, in working days of the calendar (`dayMinutes`) and hours. An answered or
 * closed case says what happened ("closed on time", "closed 3 working days late"), with no
 * countdown: nothing is left to count. Null for a case with no deadline.
 */
export function deadlineWords(subject: DeadlineSubject, dayMinutes: number, language: Language): DeadlineWords | null {
  const { status, sla } = subject;
  if (!sla) return null;
  const span = (minutes: number) => workingSpanText(minutes, dayMinutes, language);
  // Under a whole working minute over says "late" alone: a deadline of 15:00 Thursday is just
  // passed all weekend, with no working time gone since.
  const overBy = Math.max(0, -sla.workingMinutesLeft);
  const over = overBy >= 1;
  if (status === 'closed' || status === 'answered') {
    if (sla.state === 'met') return { text: t(language, `outcome.${status}OnTime`), tone: 'settled' };
    if (sla.state === 'breached') {
      return {
        text: over
          ? t(language, `outcome.${status}LateBy`, { span: span(overBy) })
          : t(language, `outcome.${status}Late`),
        tone: 'settled',
      };
    }
    // A case closed with no answer time has a clock that did not stop: its status alone is said.
    return { text: t(language, `status.${status}`), tone: 'settled' };
  }
  if (sla.state === 'breached') {
    return {
      text: over ? t(language, 'sla.lateBy', { span: span(overBy) }) : t(language, 'sla.breached'),
      tone: 'breached',
    };
  }
  if (sla.state === 'met') return { text: t(language, 'sla.met'), tone: 'met' };
  // On track needs no word of its own (and the column no more width): time left, in plain colour.
  if (sla.state === 'running') {
    return { text: t(language, 'sla.workingLeft', { span: span(sla.workingMinutesLeft) }), tone: 'running' };
  }
  return {
    text: `${t(language, `sla.${sla.state}`)} · ${t(language, 'sla.workingLeft', { span: span(sla.workingMinutesLeft) })}`,
    tone: sla.state,
  };
}
