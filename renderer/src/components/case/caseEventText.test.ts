import { describe, expect, it } from 'vitest';
import { actorText, chaseChannelText, chaseTemplateText, eventText } from './caseEventText';

const entities = new Map([
  ['ent-moh', { nameAr: 'وزارة الصحة', nameEn: 'Ministry of Health' }],
  ['ent-gam', { nameAr: 'أمانة عمان الكبرى', nameEn: 'Greater Amman Municipality' }],
]);
const at = '2026-05-27T05:30:00.000Z'; // 08:30 in Amman

describe('case timeline in words', () => {
  it.each([
    ['submitted', 'channel:web', {}, 'Submitted through Web portal', null],
    ['status:inProgress', 'focalPoint:fp-001', {}, 'Status changed to In progress', null],
    ['status:answered', 'focalPoint:fp-001', { answer: 'Fixed.' }, 'Status changed to Answered', 'Answer: Fixed.'],
    [
      'status:awaitingCitizen',
      'focalPoint:fp-001',
      { question: 'Which street?' },
      'Status changed to Awaiting citizen',
      'Question to the citizen: Which street?',
    ],
    [
      'status:referred',
      'focalPoint:fp-001',
      { toEntityId: 'ent-gam', reason: 'Municipal matter' },
      'Status changed to Referred · to Greater Amman Municipality',
      'Reason: Municipal matter',
    ],
    [
      'referredUp',
      'sla',
      { from: 'focalPoint', to: 'director' },
      'Referred up the ladder: Focal point → Director',
      null,
    ],
    [
      'deadlineChanged',
      'administrator:admin',
      { from: at, to: '2026-05-28T05:30:00.000Z', reason: 'Circular 12/2026' },
      'Deadline moved from 27/05/2026, 08:30 to 28/05/2026, 08:30',
      'Reason: Circular 12/2026',
    ],
    [
      'reassigned',
      'supervisor:rana',
      { from: { entityId: 'ent-moh' }, to: { entityId: 'ent-gam' }, reason: 'Wrong entity' },
      'Reassigned from Ministry of Health to Greater Amman Municipality',
      'Reason: Wrong entity',
    ],
    ['chased', 'operator:huda', { channel: 'sms', template: 'updateNeeded' }, 'Focal point chased by SMS', null],
    ['chaseAnswered', 'focalPoint:fp-001', {}, 'The focal point answered a chase', null],
    ['note', 'operator:huda', { noteId: 'x' }, 'Note added', null],
    ['claimed', 'supervisor:rana', {}, 'Taken on by the operation room', null],
    ['rated', 'citizen', { rating: 2 }, 'Rated 2 of 5 by the applicant', null],
    ['somethingNew', 'sla', {}, 'Event: somethingNew', null],
  ] as const)('%s', (kind, actor, data, what, detail) => {
    expect(eventText({ at, kind, actor, data }, 'en', entities)).toEqual({ what, detail });
  });

  it('speaks Arabic too, with the ladder read right to left', () => {
    expect(
      eventText({ at, kind: 'referredUp', actor: 'sla', data: { from: 'director', to: 'minister' } }, 'ar', entities),
    ).toEqual({ what: 'أُحيل إلى مستوى أعلى: المدير ← الوزير', detail: null });
    expect(
      eventText(
        {
          at,
          kind: 'reassigned',
          actor: 'supervisor:rana',
          data: { from: { entityId: 'ent-moh' }, to: { entityId: 'nowhere' }, reason: 'x' },
        },
        'ar',
        entities,
      ).what,
    ).toBe('أُعيد إسناده من وزارة الصحة إلى nowhere');
  });

  it('names who acted', () => {
    expect(actorText('sla', 'en')).toBe('the SLA clock');
    expect(actorText('citizen', 'ar')).toBe('مقدّم الطلب');
    expect(actorText('channel:callCentre', 'en')).toBe('Call centre');
    expect(actorText('focalPoint:fp-007', 'en')).toBe('focal point fp-007');
    expect(actorText('supervisor:rana', 'en')).toBe('rana');
  });

  it('names chase channels and templates, and keeps values it does not know', () => {
    expect(chaseChannelText('email', 'ar')).toBe('بريد إلكتروني');
    expect(chaseChannelText('pigeon', 'en')).toBe('pigeon');
    expect(chaseTemplateText('lateResolution', 'en')).toBe('Past resolution deadline');
    expect(chaseTemplateText('custom', 'en')).toBe('custom');
  });
});
