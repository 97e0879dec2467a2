import { describe, expect, it } from 'vitest';
import { DEFAULT_JORDAN_CALENDAR, WorkingCalendar, workingDaySchedule } from '../../../../shared/sla';
import { closureOfDraft, newClosureId, type ClosureDraft } from './closureDraft';

const base: ClosureDraft = {
  date: '2026-01-15',
  shape: 'wholeDays',
  spanDays: 1,
  from: '',
  to: '',
  nameAr: 'عطلة بسبب الأحوال الجوية',
  nameEn: 'Weather closure',
  source: 'Prime Ministry circular 7/2026',
};

describe('closureOfDraft', () => {
  it.each<[string, Partial<ClosureDraft>, unknown]>([
    ['a snow day', {}, { type: 'wholeDays', date: '2026-01-15', spanDays: 1 }],
    ['three snow days', { spanDays: 3 }, { type: 'wholeDays', date: '2026-01-15', spanDays: 3 }],
    [
      'a late start',
      { shape: 'lateStart', from: '10:00' },
      { type: 'lateStart', date: '2026-01-15', startsAt: '10:00' },
    ],
    [
      'an early close',
      { shape: 'earlyClose', to: '12:30' },
      { type: 'earlyClose', date: '2026-01-15', endsAt: '12:30' },
    ],
    // Amman has been UTC+3 all year since October 2022.
    [
      'a stretch of the day, Amman time to UTC (UTC+3)',
      { shape: 'span', from: '10:00', to: '12:00' },
      { type: 'interval', fromMs: Date.UTC(2026, 0, 15, 7), toMs: Date.UTC(2026, 0, 15, 9) },
    ],
    // Before then, winters were UTC+2 and summers UTC+3.
    [
      'a stretch in the winter of 2021 (UTC+2)',
      { date: '2021-01-14', shape: 'span', from: '10:00', to: '12:00' },
      { type: 'interval', fromMs: Date.UTC(2021, 0, 14, 8), toMs: Date.UTC(2021, 0, 14, 10) },
    ],
    [
      'a stretch in the summer of 2021 (UTC+3)',
      { date: '2021-07-14', shape: 'span', from: '08:00', to: '09:30' },
      { type: 'interval', fromMs: Date.UTC(2021, 6, 14, 5), toMs: Date.UTC(2021, 6, 14, 6, 30) },
    ],
    [
      'a stretch just after midnight stays on its Amman date',
      { shape: 'span', from: '00:30', to: '02:00' },
      { type: 'interval', fromMs: Date.UTC(2026, 0, 14, 21, 30), toMs: Date.UTC(2026, 0, 14, 23) },
    ],
  ])('%s', (_what, change, expected) => {
    const result = closureOfDraft({ ...base, ...change }, 'closure-x');
    expect(result).toEqual({
      ok: true,
      closure: {
        kind: 'closure',
        id: 'closure-x',
        source: base.source,
        name: { ar: base.nameAr, en: base.nameEn },
        period: expected,
      },
    });
  });

  it.each<[string, Partial<ClosureDraft>, string]>([
    ['no date', { date: '' }, 'date'],
    ['no such date', { date: '2026-02-30' }, 'date'],
    ['no days', { spanDays: 0 }, 'spanDays'],
    ['more than a month of days', { spanDays: 40 }, 'spanDays'],
    ['a late start without its time', { shape: 'lateStart', from: '' }, 'from'],
    ['an early close at 25:00', { shape: 'earlyClose', to: '25:00' }, 'to'],
    ['a stretch that ends before it starts', { shape: 'span', from: '12:00', to: '10:00' }, 'to'],
    ['a stretch without a start', { shape: 'span', from: '', to: '10:00' }, 'from'],
    ['no Arabic name', { nameAr: '  ' }, 'nameAr'],
    ['no English name', { nameEn: '' }, 'nameEn'],
    ['no source', { source: ' ' }, 'source'],
  ])('refuses %s', (_what, change, field) => {
    expect(closureOfDraft({ ...base, ...change }, 'closure-x')).toEqual({ ok: false, field });
  });

  it('gives an entry the calendar takes, which closes that day', () => {
    const result = closureOfDraft(base, 'closure-2026-01-15');
    if (!result.ok) throw new Error(result.field);
    const calendar = WorkingCalendar.parse({
      ...DEFAULT_JORDAN_CALENDAR,
      entries: [...DEFAULT_JORDAN_CALENDAR.entries, result.closure],
    });
    expect(workingDaySchedule(calendar, '2026-01-15')).toMatchObject({ spans: [], entryIds: ['closure-2026-01-15'] });
  });
});

describe('newClosureId', () => {
  it.each([
    ['a free day', [], 'closure-2026-01-15'],
    ['a second closure that day', ['closure-2026-01-15'], 'closure-2026-01-15-2'],
    ['a third', ['closure-2026-01-15', 'closure-2026-01-15-2'], 'closure-2026-01-15-3'],
  ])('%s', (_what, taken, expected) => {
    expect(newClosureId('2026-01-15', taken)).toBe(expected);
  });
});
