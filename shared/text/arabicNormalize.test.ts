import { describe, expect, it } from 'vitest';
import { normalizeForSearch, searchTerms } from './arabicNormalize';

describe('normalizeForSearch', () => {
  it.each([
    ['diacritics', 'مَدْرَسَةٌ', 'مدرسه'],
    ['tatweel', 'شـــكوى', 'شكوي'],
    ['alef with hamza above', 'أحمد', 'احمد'],
    ['alef with hamza below', 'إربد', 'اربد'],
    ['alef madda', 'آلاء', 'الا'],
    ['taa marbuta', 'الزرقاء المدينة', 'الزرقا المدينه'],
    ['alef maqsura', 'مستشفى', 'مستشفي'],
    ['hamza on waw', 'مسؤول', 'مسوول'],
    ['hamza on yaa', 'رئيس', 'رييس'],
    ['Arabic-Indic digits', 'رقم ١٢٣٤٥', 'رقم 12345'],
    ['Persian digits', '۷۸۹', '789'],
    ['English case', 'Passport RENEWAL', 'passport renewal'],
  ])('folds %s', (_what, input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it('makes every written variant of a word meet', () => {
    const variants = ['إسراء', 'اسراء', 'إِسْرَاء', 'أسراء'];
    expect(new Set(variants.map(normalizeForSearch)).size).toBe(1);
  });
});

describe('searchTerms', () => {
  it('splits on punctuation and spaces and folds each term', () => {
    expect(searchTerms('  انقطاع المياه، في "إربد"!')).toEqual(['انقطاع', 'المياه', 'في', 'اربد']);
  });
  it('drops FTS operators a user might type', () => {
    expect(searchTerms('water OR "*" NEAR(x)')).toEqual(['water', 'or', 'near', 'x']);
  });
});
