import type { ApplicationType, Pillar, Sector } from '../../shared/domain/taxonomy';
import type { SeedRandom } from '../../shared/random/seedRandom';
import { shortName } from './people';
import { ANSWERS, ARABIC, ENGLISH, type Topic } from './caseTextFragments';

export interface CaseText {
  title: string;
  body: string;
  language: 'ar' | 'en';
}

export interface CaseTextInput {
  type: ApplicationType;
  pillar: Pillar;
  sector: Sector;
  entityNameAr: string;
  entityNameEn: string;
}

export const TITLE_LENGTH = { min: 20, max: 80 } as const;
export const BODY_LENGTH = { min: 150, max: 450 } as const;
export const ANSWER_LENGTH = { min: 80, max: 250 } as const;

/** Share of applications written in English (expatriates, mostly). */
export const ENGLISH_SHARE = 0.05;

/**
 * A citizen's application as they would write it: about 95% Arabic, varied by
 * type, sector and pillar, placed where the entity works. Arabic writers come
 * in styles (informal spelling, a few diacritics, Arabic-Indic digits) so the
 * corpus carries the variation the console's search must fold away.
 */
export function composeCaseText(rng: SeedRandom, input: CaseTextInput): CaseText {
  return rng.chance(ENGLISH_SHARE) ? composeEnglish(rng, input) : composeArabic(rng, input);
}

// ---------------------------------------------------------------- Arabic

interface WriterStyle {
  /** Drops hamza seats, writes taa marbuta as haa and alef maqsura as yaa, as hurried writers do. */
  informal: boolean;
  diacritics: boolean;
  indicDigits: boolean;
}

interface ArabicContext {
  rng: SeedRandom;
  style: WriterStyle;
  entity: string;
  areaName: string;
  city: string;
}

function composeArabic(rng: SeedRandom, input: CaseTextInput): CaseText {
  const informal = rng.chance(0.3);
  const style: WriterStyle = {
    informal,
    diacritics: !informal && rng.chance(0.18),
    indicDigits: rng.chance(0.2),
  };
  const [areaName, city] = areaFor(rng, input.entityNameAr);
  const ctx: ArabicContext = { rng, style, entity: input.entityNameAr, areaName, city };
  const pools = ARABIC.sectorPools[input.sector];
  const topic =
    input.type === 'inquiry' && rng.chance(0.2)
      ? rng.pick(ARABIC.statusInquiries)
      : topicFor(rng, pools[input.type], input.entityNameAr);

  const parts = arabicParts(ctx, input, topic);
  const body = fitParts(
    parts.map((p) => ({ ...p, text: polish(ctx, fill(ctx, p.text)) })),
    BODY_LENGTH,
    ARABIC.fillers[input.type].map((f) => polish(ctx, f)),
    rng,
  );
  return { title: arabicTitle(ctx, input, topic), body, language: 'ar' };
}

/** Prefers topics tied to the entity by name; entities with none take the sector's general topics. */
function topicFor(rng: SeedRandom, pool: readonly Topic[], entityName: string): Topic {
  const specific = pool.filter((t) => t.entityWords?.some((word) => entityName.includes(word)));
  const general = pool.filter((t) => !t.entityWords);
  // A few applications reach the wrong body: that is what referral is for.
  if (specific.length > 0 && (general.length === 0 || rng.chance(0.9))) return rng.pick(specific);
  return rng.pick(general.length > 0 ? general : pool);
}

function areaFor(rng: SeedRandom, entityName: string): readonly [string, string] {
  const padded = ` ${entityName} `;
  const named = ARABIC.areas.filter(([name]) => padded.includes(` ${name} `));
  if (named.length > 0 && rng.chance(0.9)) {
    // A town's own municipality: its town, or a neighbourhood when it is a city.
    const [town, city] = rng.pick(named);
    const local = town === city ? ARABIC.areas.filter(([t, c]) => c === city && !OWN_MUNICIPALITY.has(t)) : [];
    return local.length > 0 && rng.chance(0.6) ? rng.pick(local) : [town, city];
  }
  const hint = ARABIC.regionHints.find(([keyword]) => entityName.includes(keyword));
  if (hint && rng.chance(0.9)) {
    const cities = hint[1];
    return rng.pick(ARABIC.areas.filter(([, c]) => cities.includes(c)));
  }
  // National bodies: most applications come from the capital and Zarqa and Irbid.
  const city = rng.weighted(ARABIC.cityWeights);
  return rng.pick(ARABIC.areas.filter(([, c]) => c === city));
}

const OWN_MUNICIPALITY = new Set(ARABIC.ownMunicipality);

interface Part {
  text: string;
  /** Dropped, highest first, when the text runs long; undefined parts always stay. */
  drop?: number;
}

function arabicParts(ctx: ArabicContext, input: CaseTextInput, topic: Topic): Part[] {
  const { rng } = ctx;
  const opening: Part | null = rng.chance(0.7) ? { text: rng.pick(ARABIC.openings), drop: 5 } : null;
  const closing: Part = { text: rng.pick(ARABIC.closings[input.type]) };
  const ref: Part | null = rng.chance(0.35) ? { text: referenceSentence(ctx), drop: 2 } : null;
  const parts: (Part | null)[] = [opening];
  switch (input.type) {
    case 'complaint':
      parts.push(
        rng.chance(0.35) ? { text: rng.pick(ARABIC.intros), drop: 3 } : null,
        { text: `${topic.sentence}، ${rng.pick(ARABIC.pillarDetails[input.pillar])}.` },
        rng.chance(0.5) ? { text: rng.pick(ARABIC.followUps), drop: 4 } : null,
        ref,
      );
      break;
    case 'report':
      parts.push(
        rng.chance(0.6) ? { text: rng.pick(ARABIC.reportFrames), drop: 3 } : null,
        { text: `${topic.sentence}.` },
        rng.chance(0.7) ? { text: `الموقع تحديداً ${rng.pick(ARABIC.landmarks)} في ${ctx.areaName}.`, drop: 4 } : null,
        rng.chance(0.6) ? { text: rng.pick(ARABIC.reportRisks), drop: 1 } : null,
      );
      break;
    case 'inquiry':
      parts.push(
        rng.chance(0.3) ? { text: rng.pick(ARABIC.intros), drop: 3 } : null,
        { text: topic.sentence },
        rng.chance(0.7) ? { text: rng.pick(ARABIC.inquiryFollowUps[input.pillar]), drop: 4 } : null,
        // Only a question about one's own file quotes its number.
        ARABIC.statusInquiries.includes(topic) ? ref : null,
      );
      break;
    case 'suggestion':
      parts.push(
        rng.chance(0.7) ? { text: rng.pick(ARABIC.suggestionObservations), drop: 3 } : null,
        { text: `${rng.pick(ARABIC.suggestionLeads)} ${topic.sentence}.` },
        rng.chance(0.8) ? { text: rng.pick(ARABIC.suggestionRationales[input.pillar]), drop: 4 } : null,
      );
      break;
    case 'compliment':
      parts.push(
        {
          text: `${rng.pick(ARABIC.thanksLeads)} ${staffMember(ctx, input.sector)} في {entity} على ${topic.sentence}.`,
        },
        rng.chance(0.8) ? { text: rng.pick(ARABIC.complimentPraise[input.pillar]), drop: 4 } : null,
        rng.chance(0.4) ? { text: `وكانت مراجعتي لمكتب ${ctx.areaName} {dur}.`, drop: 3 } : null,
      );
      break;
  }
  parts.push(closing);
  return parts.filter((p): p is Part => p !== null);
}

function staffMember(ctx: ArabicContext, sector: Sector): string {
  const { rng } = ctx;
  const who = rng.pick([...ARABIC.staff.any, ...ARABIC.staff[sector], ...ARABIC.staff[sector]]);
  return who.replace('{m}', () => shortName(rng, 'male').ar).replace('{f}', () => shortName(rng, 'female').ar);
}

function referenceSentence(ctx: ArabicContext): string {
  const { rng, entity } = ctx;
  const label =
    entity.includes('مياه') || entity.includes('كهرباء')
      ? 'رقم الاشتراك'
      : entity.includes('ترخيص')
        ? 'رقم لوحة المركبة'
        : rng.pick(['رقم المعاملة', 'رقم الطلب', 'رقم الملف', 'رقم الطلب الإلكتروني']);
  const value =
    label === 'رقم لوحة المركبة'
      ? `${rng.int(10, 99)}-${rng.int(10000, 99999)}`
      : label === 'رقم الاشتراك'
        ? `${rng.int(1, 9)}/${rng.int(100, 999)}/${rng.int(10000, 99999)}`
        : String(rng.int(100000, 9999999));
  return rng.chance(0.5) ? `${label}: ${value}.` : `علماً بأن ${label} هو ${value}.`;
}

function fill(ctx: ArabicContext, template: string): string {
  const { rng } = ctx;
  return template
    .replaceAll('{entity}', ctx.entity)
    .replaceAll('{city}', ctx.city)
    .replaceAll('{area}', () => areaPhrase(ctx))
    .replaceAll('{dur}', () => duration(rng))
    .replaceAll('{date}', () => dateText(rng));
}

function areaPhrase(ctx: ArabicContext): string {
  return ctx.areaName === ctx.city || ctx.rng.chance(0.75) ? ctx.areaName : `${ctx.areaName} (${ctx.city})`;
}

function duration(rng: SeedRandom): string {
  const roll = rng.next();
  if (roll < 0.6) return rng.pick(ARABIC.durations);
  if (roll < 0.8) return `منذ ${rng.int(3, 10)} أيام`;
  return `منذ ${rng.int(11, 45)} يوماً`;
}

function dateText(rng: SeedRandom): string {
  return rng.chance(0.7) ? `${rng.int(1, 28)}/${rng.int(1, 12)}` : rng.pick(ARABIC.dates);
}

function arabicTitle(ctx: ArabicContext, input: CaseTextInput, topic: Topic): string {
  const { rng } = ctx;
  let title = rng
    .pick(ARABIC.titleTemplates[input.type])
    .replace('{t}', topic.title)
    .replace('{place}', ctx.areaName)
    .replace('{entity}', ctx.entity);
  if (input.type === 'complaint' && rng.chance(0.2)) title += ARABIC.pillarTitleSuffix[input.pillar];
  title = polish(ctx, title);
  // Short subjects get their place; long ones lose their decoration.
  if (title.length < TITLE_LENGTH.min) title = `${title} في ${ctx.areaName}`;
  if (title.length < TITLE_LENGTH.min) title = `${title} - ${ctx.city}`;
  if (title.length > TITLE_LENGTH.max) title = polish(ctx, topic.title);
  if (title.length < TITLE_LENGTH.min) title = `${title} - ${ctx.entity}`;
  return clampWords(title, TITLE_LENGTH.max);
}

// Applied after placeholders are filled, so places and entity names vary too.
function polish(ctx: ArabicContext, text: string): string {
  const { rng, style } = ctx;
  let out = text;
  if (style.diacritics)
    out = out.replace(ARABIC_WORD, (w) => {
      const marked = ARABIC.diacritised[w];
      return marked !== undefined && rng.chance(0.7) ? marked : w;
    });
  if (style.informal) out = out.replace(ARABIC_WORD, (w) => (rng.chance(0.5) ? informalWord(rng, w) : w));
  if (style.indicDigits) out = out.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
  return out;
}

const ARABIC_WORD = /[\u0621-\u064A\u064B-\u0652\u0640]+/g;

function informalWord(rng: SeedRandom, word: string): string {
  if (word === 'إلى') return rng.chance(0.7) ? 'الى' : 'الي';
  if (word === 'على') return 'علي';
  return (
    word
      // Hamza seats on a word-initial alef, after any proclitics (و ف ب ل ال).
      .replace(/^((?:[وفبل])?(?:ال|لل)?)[أإآ]/, '$1ا')
      .replace(/ة$/, () => (rng.chance(0.6) ? 'ه' : 'ة'))
      .replace(/ى$/, 'ي')
      .replace(/\u064B/g, '')
  );
}

// ---------------------------------------------------------------- fitting

function fitParts(
  parts: readonly Part[],
  bounds: { min: number; max: number },
  fillers: readonly string[],
  rng: SeedRandom,
): string {
  const kept = [...parts];
  const join = () => kept.map((p) => p.text).join(' ');
  while (join().length > bounds.max) {
    let victim = -1;
    kept.forEach((p, i) => {
      if (p.drop !== undefined && (victim < 0 || p.drop >= kept[victim]!.drop!)) victim = i;
    });
    if (victim < 0) break;
    kept.splice(victim, 1);
  }
  const unused = [...fillers];
  while (join().length < bounds.min && unused.length > 0) {
    const [filler] = unused.splice(rng.int(0, unused.length - 1), 1);
    const candidate = { text: filler! };
    // Before the closing line, where an afterthought belongs.
    kept.splice(Math.max(0, kept.length - 1), 0, candidate);
    if (join().length > bounds.max) kept.splice(kept.indexOf(candidate), 1);
  }
  return clampWords(join(), bounds.max);
}

/** Cuts at a word boundary, never mid-word. */
function clampWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

// ---------------------------------------------------------------- English

function composeEnglish(rng: SeedRandom, input: CaseTextInput): CaseText {
  const pool = ENGLISH.topics[input.sector];
  const specific = pool.filter((t) => t.entityWords?.some((word) => input.entityNameAr.includes(word)));
  const general = pool.filter((t) => !t.entityWords);
  const topic = rng.pick(specific.length > 0 ? specific : general.length > 0 ? general : pool);
  const area = rng.pick(ENGLISH.areas);
  const entity = /^(Al-|Prince )/.test(input.entityNameEn) ? input.entityNameEn : `the ${input.entityNameEn}`;
  const fillEn = (s: string) => s.replaceAll('{area}', area);
  const ref = `Reference number: ${rng.int(100000, 9999999)}.`;
  const parts: Part[] = [];
  let title: string;
  switch (input.type) {
    case 'complaint':
      title = rng.pick([`Complaint about ${topic.title}`, `Problem with ${topic.title}`, capitalise(topic.title)]);
      if (rng.chance(0.3)) parts.push({ text: fillEn(rng.pick(ENGLISH.intros)), drop: 3 });
      parts.push({ text: `${capitalise(fillEn(topic.problem))}, ${ENGLISH.pillarClauses[input.pillar]}.` });
      if (rng.chance(0.4)) parts.push({ text: ref, drop: 2 });
      break;
    case 'report':
      title = `${topic.report.title} in ${area}`;
      parts.push({ text: 'I would like to report a violation.', drop: 3 });
      parts.push({ text: `${capitalise(fillEn(topic.report.statement))}.` });
      break;
    case 'inquiry':
      title = rng.pick([`Question about ${topic.title}`, `Inquiry: ${topic.title}`]);
      if (rng.chance(0.4)) parts.push({ text: fillEn(rng.pick(ENGLISH.intros)), drop: 3 });
      parts.push({ text: topic.question });
      break;
    case 'suggestion':
      title = `Suggestion: ${topic.ideaTitle}`;
      parts.push({ text: `I have dealt with ${entity} several times and have a suggestion.`, drop: 3 });
      parts.push({ text: `I suggest ${topic.idea}.` });
      break;
    case 'compliment':
      title = `Thank you to the staff of ${entity}`;
      parts.push({ text: `I would like to thank the staff of ${entity} for ${topic.thanks}.` });
      break;
  }
  parts.push({ text: rng.pick(ENGLISH.closings[input.type]) });
  if (rng.chance(0.8)) withSalutation(parts, rng.pick(ENGLISH.openings));
  if (title.length < TITLE_LENGTH.min) title = `${title} in ${area}`;
  if (title.length > TITLE_LENGTH.max) title = capitalise(topic.title);
  if (title.length < TITLE_LENGTH.min) title = `${title} - ${input.entityNameEn}`;
  return {
    title: clampWords(title, TITLE_LENGTH.max),
    body: fitParts(parts, BODY_LENGTH, ENGLISH.fillers, rng),
    language: 'en',
  };
}

/** "Dear Sir/Madam, my passport…": the salutation runs into the first sentence, which it always keeps. */
function withSalutation(parts: Part[], salutation: string): void {
  const first = parts[0];
  if (first && !/^I\b/.test(first.text))
    parts[0] = { ...first, text: first.text.charAt(0).toLowerCase() + first.text.slice(1) };
  parts.unshift({ text: salutation });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------- answers

/** A focal point's reply, in the language of the case: formal, 80–250 characters. */
export function composeAnswer(rng: SeedRandom, input: { type: ApplicationType; language: 'ar' | 'en' }): string {
  if (input.language === 'ar') {
    const { openings, bodies, closings, fillers } = ANSWERS.ar;
    const parts: Part[] = [
      { text: rng.pick(openings), drop: 2 },
      { text: rng.pick(bodies[input.type]) },
      { text: rng.pick(closings), drop: 1 },
    ];
    return fitParts(parts, ANSWER_LENGTH, fillers, rng);
  }
  const { salutation, bodies, closing, fillers } = ANSWERS.en;
  const parts: Part[] = [{ text: rng.pick(bodies[input.type]) }, { text: closing, drop: 1 }];
  withSalutation(parts, salutation);
  return fitParts(parts, ANSWER_LENGTH, fillers, rng);
}
