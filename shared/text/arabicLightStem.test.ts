import { describe, expect, it } from 'vitest';
import { arabicLightStem, withLightStems } from './arabicLightStem';
import { normalizeForSearch } from './arabicNormalize';

const stem = (word: string, scope?: 'all' | 'article') => arabicLightStem(normalizeForSearch(word), scope);

describe('arabicLightStem', () => {
  it.each([
    ['the article', 'الكهرباء', 'كهربا'],
    ['بال', 'بالكهرباء', 'كهربا'],
    ['لل (ل + ال)', 'للمواطن', 'مواطن'],
    ['وال', 'والمياه', 'مياه'],
    ['فال', 'فالموظف', 'موظف'],
    ['كال', 'كالمعتاد', 'معتاد'],
    ['وبال', 'وبالتالي', 'تالي'],
    ['ولل', 'وللأسف', 'اسف'],
    ['و on a noun', 'ومشكلة', 'مشكله'],
    ['ب on a noun', 'بشارع', 'شارع'],
    ['ب leaving three letters', 'بسبب', 'سبب'],
    ['ل on a noun', 'لمراجعة', 'مراجعه'],
    ['ك on a noun', 'كمواطن', 'مواطن'],
    ['the article leaving two letters', 'بالحي', 'حي'],
  ])('takes off %s', (_what, word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it.each([
    ['a word with nothing attached', 'شارع'],
    ['a short word whose ب is its own', 'بلد'],
    ['a short word whose و is its own', 'وقت'],
    ['بلدية (not ب + لدية)', 'بلدية'],
    ['بلديات', 'بلديات'],
    ['بطاقة (not ب + طاقة)', 'بطاقة'],
    ['كهرباء (not ك + هرباء)', 'كهرباء'],
    ['وزارة (not و + زارة)', 'وزارة'],
    ['لجنة (not ل + جنة)', 'لجنة'],
    ['كاملة (not ك + أملة)', 'كاملة'],
    ['كثير: ك leaves only three', 'كثير'],
    ['فريق: ف leaves only three', 'فريق'],
    ['an article that would leave one letter', 'إلى'],
    ['English', 'water'],
  ])('leaves %s whole', (_what, word) => {
    expect(stem(word)).toBe(normalizeForSearch(word));
  });

  it.each([
    ['the article', 'الكهرباء', 'كهربا'],
    ['لل', 'للمواطن', 'مواطن'],
    ['بال', 'بالشارع', 'شارع'],
    ['no lone ب', 'بشارع', 'بشارع'],
    ['no lone و', 'ومشكلة', 'ومشكله'],
  ])('for a query, takes off the article forms alone: %s', (_what, word, expected) => {
    expect(stem(word, 'article')).toBe(expected);
  });

  it('takes off one group only: للبلدية is ل + ال + بلدية, not ب too', () => {
    expect(stem('للبلدية')).toBe('بلديه');
  });
});

describe('withLightStems', () => {
  it('writes each word with something attached followed by its stem, and leaves the rest as it was', () => {
    expect(withLightStems(normalizeForSearch('BK-26-0000001 انقطاع الكهرباء وشكوى بالشارع 791234567'))).toBe(
      'bk-26-0000001 انقطاع الكهربا كهربا وشكوي شكوي بالشارع شارع 791234567',
    );
  });
});
