import type { Language } from '../contract/deskContract';
import { ar } from './messages.ar';
import { en } from './messages.en';

export type MessageKey = keyof typeof ar;
const CATALOGUES: Record<Language, Record<MessageKey, string>> = { ar, en };

/** A message in the operator's language, with {name} placeholders filled. */
export function t(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

type Vocabulary = 'type' | 'channel' | 'pillar' | 'importance' | 'status' | 'escalation' | 'sector' | 'kind' | 'timer';

/** The label of a vocabulary value (an application type, a status…); the raw value if the catalogue lacks it. */
export function label(language: Language, vocabulary: Vocabulary, value: string): string {
  const key = `${vocabulary}.${value}` as MessageKey;
  return CATALOGUES[language][key] ?? value;
}
