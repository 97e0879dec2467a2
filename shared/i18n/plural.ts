import type { Language } from '../contract/deskContract';
import { t, type MessageKey } from './catalogue';

// Arabic counts take six forms (0, 1, 2, 3–10, 11–99, 100…: "يوم عمل واحد", "يوما عمل", "3 أيام
// عمل", "11 يوم عمل"); English two. A counted message is six keys, `base.zero` … `base.other`,
// in both catalogues (English fills the forms it does not use with its plural), and
// Intl.PluralRules picks one.

export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

/** The catalogue's counted messages: a base whose six forms are all keys. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer Base}.other`
    ? `${Base}.${PluralCategory}` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

const rules = new Map<Language, Intl.PluralRules>();

function pluralRules(language: Language): Intl.PluralRules {
  let r = rules.get(language);
  if (!r) {
    r = new Intl.PluralRules(language);
    rules.set(language, r);
  }
  return r;
}

/** A counted message in the form `count` takes in `language`, with {count} and any other placeholders filled. */
export function tCount(
  language: Language,
  base: PluralBase,
  count: number,
  params: Record<string, string | number> = {},
): string {
  const category = pluralRules(language).select(count) as PluralCategory;
  return t(language, `${base}.${category}` as MessageKey, { ...params, count });
}
