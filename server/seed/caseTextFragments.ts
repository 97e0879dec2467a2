import { z } from 'zod';
import { ApplicationType, Pillar, SECTORS, Sector } from '../../shared/domain/taxonomy';
import { loadSeedData, type DeepReadonly } from './seedDataFile';
import arabicData from './data/caseTextFragments.json' with { type: 'json' };
import englishData from './data/englishCaseTexts.json' with { type: 'json' };
import answerData from './data/caseAnswers.json' with { type: 'json' };

// The demo's citizen texts live as data in server/seed/data/; caseTexts.ts composes them.
// The schemas below say what each file holds and check it when the hub loads.

/**
 * Text with `{name}` placeholders, each one the composer fills. A placeholder the
 * composer does not know would reach a citizen's text verbatim, so it fails the load.
 */
function text(...placeholders: string[]) {
  return z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      for (const [found, name] of value.matchAll(/\{(\w*)\}/g))
        if (!placeholders.includes(name!))
          ctx.addIssue({
            code: 'custom',
            message: `unknown placeholder ${found}; this text may hold ${placeholders.map((p) => `{${p}}`).join(' ') || 'none'}`,
          });
    });
}
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1);

/** Placeholders of a sentence in an Arabic application: filled per application. */
const FILLED = ['area', 'city', 'dur', 'entity', 'date'];
const arabicSentence = text(...FILLED);
const plain = text();
const byType = <T extends z.ZodType>(item: T) => z.record(ApplicationType, item);
const byPillar = <T extends z.ZodType>(item: T) => z.record(Pillar, item);
/** Arabic words of entity names: a topic with them goes to those entities (water complaints to water bodies). */
const entityWords = list(plain).optional();

/**
 * A topic's `title` is the noun phrase a title is built on; `sentence` is its sentence,
 * whose shape depends on the application type (a problem for complaints and reports, a
 * question for inquiries, an idea following "أقترح" for suggestions, the service thanked
 * for after "على" in compliments). Topics without `entityWords` suit any entity of the sector.
 */
const ArabicTopic = z.strictObject({ title: plain, sentence: arabicSentence, entityWords });
export type Topic = DeepReadonly<z.output<typeof ArabicTopic>>;

const ArabicFragments = z.strictObject({
  sectorPools: z.record(Sector, byType(list(ArabicTopic))),
  /** "Ask the Government" about one's own file: fits any entity. */
  statusInquiries: list(ArabicTopic),
  /** [neighbourhood or town, its city]. Cities stand alone as [city, city]. */
  areas: list(z.tuple([plain, plain])),
  /** Towns with a municipality of their own: a city's municipality does not serve them. */
  ownMunicipality: z.array(plain),
  /** [keyword, cities]: where an entity that is not named after a place works (utilities' service areas, mostly). */
  regionHints: z.array(z.tuple([plain, list(plain)])),
  /** [city, weight]: where applications to national bodies come from. */
  cityWeights: list(z.tuple([plain, z.number().positive()])),
  openings: list(arabicSentence),
  intros: list(arabicSentence),
  durations: list(plain),
  /** Dates a citizen gives in words; the rest are written as day/month. */
  dates: list(plain),
  followUps: list(arabicSentence),
  pillarDetails: byPillar(list(arabicSentence)),
  reportFrames: list(arabicSentence),
  landmarks: list(arabicSentence),
  reportRisks: list(arabicSentence),
  inquiryFollowUps: byPillar(list(arabicSentence)),
  suggestionObservations: list(arabicSentence),
  suggestionLeads: list(arabicSentence),
  suggestionRationales: byPillar(list(arabicSentence)),
  thanksLeads: list(arabicSentence),
  /** Whom citizens thank, beside `any`; {m} and {f} take a man's and a woman's name. */
  staff: z.record(z.enum(['any', ...SECTORS]), z.array(text('m', 'f'))),
  complimentPraise: byPillar(list(arabicSentence)),
  closings: byType(list(arabicSentence)),
  /** Sentences that lengthen a too-short text without changing what it says. */
  fillers: byType(list(plain)),
  titleTemplates: byType(list(text('t', 'place', 'entity'))),
  pillarTitleSuffix: z.record(Pillar, plain),
  /** Words some citizens diacritise: careful writers, or to disambiguate. */
  diacritised: z.record(plain, plain),
});

const EnglishTopic = z.strictObject({
  title: plain,
  /** Complaint: the problem, lower-case start. */
  problem: text('area'),
  question: plain,
  idea: plain,
  /** The idea as a title. */
  ideaTitle: plain,
  thanks: plain,
  report: z.strictObject({ title: plain, statement: text('area') }),
  /** As in the Arabic pools: Arabic words of the entity names the topic belongs to. */
  entityWords,
});

const EnglishTexts = z.strictObject({
  topics: z.record(Sector, list(EnglishTopic)),
  areas: list(plain),
  openings: list(plain),
  intros: list(text('area')),
  pillarClauses: z.record(Pillar, plain),
  closings: byType(list(plain)),
  fillers: list(plain),
});

/** A focal point's replies, in either language. */
const Answers = z.strictObject({
  ar: z.strictObject({
    openings: list(plain),
    bodies: byType(list(plain)),
    closings: list(plain),
    fillers: list(plain),
  }),
  en: z.strictObject({ salutation: plain, bodies: byType(list(plain)), closing: plain, fillers: list(plain) }),
});

export const ARABIC = loadSeedData('caseTextFragments.json', ArabicFragments, arabicData);
export const ENGLISH = loadSeedData('englishCaseTexts.json', EnglishTexts, englishData);
export const ANSWERS = loadSeedData('caseAnswers.json', Answers, answerData);
