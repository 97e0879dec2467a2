import { describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/contract/deskContract';
import { deadlineWords, type DeadlineSubject, type DeadlineWords } from './deadlineWords';

const DAY = 420;
const clock = (state: NonNullable<DeadlineSubject['sla']>['state'], workingMinutesLeft: number) => ({
  state,
  workingMinutesLeft,
});

describe('a deadline in words, as the queue row and the case view say it', () => {
  it.each<[string, DeadlineSubject, Language, DeadlineWords | null]>([
    // 600 working minutes on a 420-minute day: 1 working day and 3 hours.
    [
      'open, on track',
      { status: 'inProgress', sla: clock('running', 600) },
      'en',
      { text: '1 working day 3 hours left', tone: 'running' },
    ],
    [
      'open, at risk',
      { status: 'assigned', sla: clock('atRisk', 90) },
      'ar',
      { text: 'معرّض للتأخر · متبقٍ ساعة عمل واحدة و30 دقيقة', tone: 'atRisk' },
    ],
    [
      'waiting for the citizen',
      { status: 'awaitingCitizen', sla: clock('paused', 840) },
      'ar',
      { text: 'متوقف مؤقتاً · متبقٍ يوما عمل', tone: 'paused' },
    ],
    // Late by 3 × 420 + 120: in working days of the calendar, not 24-hour days ("over by 1 day").
    [
      'open, late',
      { status: 'inProgress', sla: clock('breached', -(3 * DAY + 120)) },
      'en',
      { text: 'Late by 3 working days 2 hours', tone: 'breached' },
    ],
    [
      'open, late',
      { status: 'inProgress', sla: clock('breached', -(3 * DAY + 120)) },
      'ar',
      { text: 'متأخر · التأخير 3 أيام عمل وساعتان', tone: 'breached' },
    ],
    // Past a Thursday 15:00 deadline over the weekend: late, with no working time gone since.
    ['open, just late', { status: 'assigned', sla: clock('breached', -0.4) }, 'en', { text: 'Late', tone: 'breached' }],
    ['closed in time', { status: 'closed', sla: clock('met', 300) }, 'en', { text: 'Closed on time', tone: 'settled' }],
    ['closed in time', { status: 'closed', sla: clock('met', 300) }, 'ar', { text: 'أُغلق في الموعد', tone: 'settled' }],
    [
      'closed late',
      { status: 'closed', sla: clock('breached', -5 * DAY) },
      'en',
      { text: 'Closed 5 working days late', tone: 'settled' },
    ],
    [
      'closed late',
      { status: 'closed', sla: clock('breached', -11 * DAY) },
      'ar',
      { text: 'أُغلق متأخراً · التأخير 11 يوم عمل', tone: 'settled' },
    ],
    [
      'closed late',
      { status: 'closed', sla: clock('breached', -(DAY + 60)) },
      'ar',
      { text: 'أُغلق متأخراً · التأخير يوم عمل واحد وساعة واحدة', tone: 'settled' },
    ],
    [
      'answered in time',
      { status: 'answered', sla: clock('met', 10) },
      'en',
      { text: 'Answered on time', tone: 'settled' },
    ],
    [
      'answered late',
      { status: 'answered', sla: clock('breached', -2 * DAY) },
      'ar',
      { text: 'أُجيب متأخراً · التأخير يوما عمل', tone: 'settled' },
    ],
    [
      'answered just late',
      { status: 'answered', sla: clock('breached', 0) },
      'en',
      { text: 'Answered late', tone: 'settled' },
    ],
    // Closed with no answer time, so the row's clock did not stop: no countdown on it.
    [
      'closed, clock running',
      { status: 'closed', sla: clock('running', DAY) },
      'en',
      { text: 'Closed', tone: 'settled' },
    ],
    ['no deadline', { status: 'submitted', sla: null }, 'en', null],
  ])('%s (%#)', (_name, subject, language, words) => {
    expect(deadlineWords(subject, DAY, language)).toEqual(words);
  });

  it('counts days of the calendar in force: the same lateness on an 8-hour day', () => {
    // 3 × 420 + 120 = 1380 = 2 × 480 + 420: two working days and seven hours.
    expect(deadlineWords({ status: 'inProgress', sla: clock('breached', -1380) }, 480, 'en')?.text).toBe(
      'Late by 2 working days 7 hours',
    );
  });

  it('never counts down on a closed case, however late it was', () => {
    for (const sla of [clock('met', 100), clock('breached', -250 * DAY), clock('running', 5), clock('atRisk', 5)]) {
      const text = deadlineWords({ status: 'closed', sla }, DAY, 'en')!.text;
      expect(text).toMatch(/^Closed/);
      expect(text).not.toMatch(/left|over by|Late by/);
    }
  });
});
