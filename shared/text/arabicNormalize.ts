/**
 * Folds Arabic (and English) text to one searchable form, so a search finds
 * a word however it was typed: without diacritics or tatweel, every alef
 * form as bare alef, taa marbuta as haa, alef maqsura as yaa, hamza seats
 * as their letters, Arabic-Indic digits as Latin, Latin in lower case.
 */
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const FOLDS: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ة: 'ه',
  ى: 'ي',
  ؤ: 'و',
  ئ: 'ي',
  ء: '',
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'g');
const ARABIC_INDIC = /[\u0660-\u0669\u06F0-\u06F9]/g;

export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFC')
    .replace(DIACRITICS, '')
    .replace(FOLDABLE, (ch) => FOLDS[ch] ?? ch)
    .replace(ARABIC_INDIC, (d) => String(((d.codePointAt(0)! - 0x0660) % 0x90) % 10))
    .toLowerCase();
}

/** The searchable words of a query, folded the same way as the text they search. */
export function searchTerms(query: string): string[] {
  return normalizeForSearch(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, 8);
}
