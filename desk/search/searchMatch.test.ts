import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../shared/text/arabicNormalize';
import { searchMatch } from './searchMatch';

describe('searchMatch', () => {
  it.each([
    ['a bare word, as a prefix', 'كهرباء', '"كهربا"*'],
    ['a word typed with the article, by its stem', 'الكهرباء', '"كهربا"*'],
    ['لل, by its stem', 'للمواطن', '"مواطن"*'],
    ['not by a stem of two letters (الماء is not every ما)', 'الماء', '"الما"*'],
    ['a lone letter left on (بلدية is a word)', 'بلدية', '"بلديه"*'],
    ['every word required', 'انقطاع المياه', '"انقطاع"* AND "مياه"*'],
    ['a phone number by its last nine digits', '0791234567', '"791234567"*'],
  ])('%s', (_what, query, expected) => {
    expect(searchMatch(searchTerms(query))).toBe(expected);
  });
});
