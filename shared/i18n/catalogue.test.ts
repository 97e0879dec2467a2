import { describe, expect, it } from 'vitest';
import { ar } from './messages.ar';
import { en } from './messages.en';
import { label, t } from './catalogue';
import {
  APPLICATION_TYPES,
  CASE_STATUSES,
  CHANNELS,
  ENTITY_KINDS,
  ESCALATION_LEVELS,
  IMPORTANCE_LEVELS,
  PILLARS,
  SECTORS,
} from '../domain/taxonomy';

describe('message catalogues', () => {
  it('have the same keys in Arabic and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ar).sort());
    for (const value of [...Object.values(ar), ...Object.values(en)]) expect(value.trim()).not.toBe('');
  });

  it('label every value of every vocabulary in both languages', () => {
    const vocabularies = [
      ['type', APPLICATION_TYPES],
      ['channel', CHANNELS],
      ['pillar', PILLARS],
      ['importance', IMPORTANCE_LEVELS],
      ['status', CASE_STATUSES],
      ['escalation', ESCALATION_LEVELS],
      ['sector', SECTORS],
      ['kind', ENTITY_KINDS],
    ] as const;
    for (const [vocabulary, values] of vocabularies) {
      for (const value of values) {
        expect(label('ar', vocabulary, value)).toMatch(/[\u0600-\u06FF]/);
        expect(label('en', vocabulary, value)).toMatch(/^[A-Z]/);
      }
    }
  });

  it('fills placeholders', () => {
    expect(t('ar', 'sync.casesHeld', { count: 20000 })).toBe('الطلبات المحفوظة: 20000');
    expect(t('en', 'sync.progress', { held: 5, total: 10, rate: 2, left: '3 s' })).toBe('5 of 10 · 2/s · 3 s left');
  });
});
