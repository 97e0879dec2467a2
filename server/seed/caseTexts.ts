import type { ApplicationType, Pillar, Sector } from '../../shared/domain/taxonomy';
import type { SeedRandom } from '../../shared/random/seedRandom';
import { shortName } from './people';
import {
  AREAS,
  CLOSINGS,
  COMPLIMENT_PRAISE,
  DIACRITISED,
  DURATIONS,
  FILLERS,
  FOLLOW_UPS,
  INQUIRY_FOLLOW_UPS,
  INTROS,
  LANDMARKS,
  OPENINGS,
  PILLAR_DETAILS,
  PILLAR_TITLE_SUFFIX,
  REGION_HINTS,
  REPORT_FRAMES,
  REPORT_RISKS,
  SECTOR_POOLS,
  STAFF,
  STATUS_INQUIRIES,
  SUGGESTION_OBSERVATIONS,
  SUGGESTION_RATIONALES,
  TITLE_TEMPLATES,
  type Topic,
} from './caseTextFragments';

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
  const pools = SECTOR_POOLS[input.sector];
  const topic =
    input.type === 'inquiry' && rng.chance(0.2)
      ? rng.pick(STATUS_INQUIRIES)
      : topicFor(rng, pools[input.type], input.entityNameAr);

  const parts = arabicParts(ctx, input, topic);
  const body = fitParts(
    parts.map((p) => ({ ...p, text: polish(ctx, fill(ctx, p.text)) })),
    BODY_LENGTH,
    FILLERS[input.type].map((f) => polish(ctx, f)),
    rng,
  );
  return { title: arabicTitle(ctx, input, topic), body, language: 'ar' };
}

/** Prefers topics tied to the entity by name; entities with none take the sector's general topics. */
function topicFor(rng: SeedRandom, pool: readonly Topic[], entityName: string): Topic {
  const specific = pool.filter((t) => t.k?.some((word) => entityName.includes(word)));
  const general = pool.filter((t) => !t.k);
  // A few applications reach the wrong body: that is what referral is for.
  if (specific.length > 0 && (general.length === 0 || rng.chance(0.9))) return rng.pick(specific);
  return rng.pick(general.length > 0 ? general : pool);
}

function areaFor(rng: SeedRandom, entityName: string): readonly [string, string] {
  const padded = ` ${entityName} `;
  const named = AREAS.filter(([name]) => padded.includes(` ${name} `));
  if (named.length > 0 && rng.chance(0.9)) {
    // A town's own municipality: its town, or a neighbourhood when it is a city.
    const [town, city] = rng.pick(named);
    const local = town === city ? AREAS.filter(([t, c]) => c === city && !OWN_MUNICIPALITY.has(t)) : [];
    return local.length > 0 && rng.chance(0.6) ? rng.pick(local) : [town, city];
  }
  const hint = REGION_HINTS.find(([keyword]) => entityName.includes(keyword));
  if (hint && rng.chance(0.9)) {
    const cities = hint[1];
    return rng.pick(AREAS.filter(([, c]) => cities.includes(c)));
  }
  // National bodies: most applications come from the capital and Zarqa and Irbid.
  const city = rng.weighted(CITY_WEIGHTS);
  return rng.pick(AREAS.filter(([, c]) => c === city));
}

// Towns with a municipality of their own: a city's municipality does not serve them.
const OWN_MUNICIPALITY = new Set([
  'سحاب',
  'ناعور',
  'الموقر',
  'الرصيفة',
  'الهاشمية',
  'الأزرق',
  'الرمثا',
  'دير أبي سعيد',
  'عين الباشا',
  'دير علا',
  'الشونة الجنوبية',
]);

const CITY_WEIGHTS = [
  ['عمان', 42],
  ['إربد', 18],
  ['الزرقاء', 14],
  ['السلط', 5],
  ['المفرق', 4],
  ['مادبا', 3],
  ['جرش', 3],
  ['الكرك', 3],
  ['عجلون', 2],
  ['العقبة', 2],
  ['معان', 2],
  ['الطفيلة', 2],
] as const;

interface Part {
  text: string;
  /** Dropped, highest first, when the text runs long; undefined parts always stay. */
  drop?: number;
}

function arabicParts(ctx: ArabicContext, input: CaseTextInput, topic: Topic): Part[] {
  const { rng } = ctx;
  const opening: Part | null = rng.chance(0.7) ? { text: rng.pick(OPENINGS), drop: 5 } : null;
  const closing: Part = { text: rng.pick(CLOSINGS[input.type]) };
  const ref: Part | null = rng.chance(0.35) ? { text: referenceSentence(ctx), drop: 2 } : null;
  const parts: (Part | null)[] = [opening];
  switch (input.type) {
    case 'complaint':
      parts.push(
        rng.chance(0.35) ? { text: rng.pick(INTROS), drop: 3 } : null,
        { text: `${topic.s}، ${rng.pick(PILLAR_DETAILS[input.pillar])}.` },
        rng.chance(0.5) ? { text: rng.pick(FOLLOW_UPS), drop: 4 } : null,
        ref,
      );
      break;
    case 'report':
      parts.push(
        rng.chance(0.6) ? { text: rng.pick(REPORT_FRAMES), drop: 3 } : null,
        { text: `${topic.s}.` },
        rng.chance(0.7) ? { text: `الموقع تحديداً ${rng.pick(LANDMARKS)} في ${ctx.areaName}.`, drop: 4 } : null,
        rng.chance(0.6) ? { text: rng.pick(REPORT_RISKS), drop: 1 } : null,
      );
      break;
    case 'inquiry':
      parts.push(
        rng.chance(0.3) ? { text: rng.pick(INTROS), drop: 3 } : null,
        { text: topic.s },
        rng.chance(0.7) ? { text: rng.pick(INQUIRY_FOLLOW_UPS[input.pillar]), drop: 4 } : null,
        // Only a question about one's own file quotes its number.
        STATUS_INQUIRIES.includes(topic) ? ref : null,
      );
      break;
    case 'suggestion':
      parts.push(
        rng.chance(0.7) ? { text: rng.pick(SUGGESTION_OBSERVATIONS), drop: 3 } : null,
        { text: `${rng.pick(['أقترح', 'أقترح عليكم', 'اقتراحي هو'])} ${topic.s}.` },
        rng.chance(0.8) ? { text: rng.pick(SUGGESTION_RATIONALES[input.pillar]), drop: 4 } : null,
      );
      break;
    case 'compliment':
      parts.push(
        { text: `${rng.pick(THANKS_LEADS)} ${staffMember(ctx, input.sector)} في {entity} على ${topic.s}.` },
        rng.chance(0.8) ? { text: rng.pick(COMPLIMENT_PRAISE[input.pillar]), drop: 4 } : null,
        rng.chance(0.4) ? { text: `وكانت مراجعتي لمكتب ${ctx.areaName} {dur}.`, drop: 3 } : null,
      );
      break;
  }
  parts.push(closing);
  return parts.filter((p): p is Part => p !== null);
}

const THANKS_LEADS = ['أتقدم بجزيل الشكر والتقدير إلى', 'أود أن أشكر', 'كل الشكر والامتنان إلى', 'أشكر من القلب'];

function staffMember(ctx: ArabicContext, sector: Sector): string {
  const { rng } = ctx;
  const who = rng.pick([...STAFF.any, ...STAFF[sector], ...STAFF[sector]]);
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
  if (roll < 0.6) return rng.pick(DURATIONS);
  if (roll < 0.8) return `منذ ${rng.int(3, 10)} أيام`;
  return `منذ ${rng.int(11, 45)} يوماً`;
}

function dateText(rng: SeedRandom): string {
  return rng.chance(0.7)
    ? `${rng.int(1, 28)}/${rng.int(1, 12)}`
    : rng.pick(['يوم الأحد الماضي', 'يوم الخميس الماضي', 'بداية هذا الشهر', 'الأسبوع الماضي']);
}

function arabicTitle(ctx: ArabicContext, input: CaseTextInput, topic: Topic): string {
  const { rng } = ctx;
  let title = rng
    .pick(TITLE_TEMPLATES[input.type])
    .replace('{t}', topic.t)
    .replace('{place}', ctx.areaName)
    .replace('{entity}', ctx.entity);
  if (input.type === 'complaint' && rng.chance(0.2)) title += PILLAR_TITLE_SUFFIX[input.pillar];
  title = polish(ctx, title);
  // Short subjects get their place; long ones lose their decoration.
  if (title.length < TITLE_LENGTH.min) title = `${title} في ${ctx.areaName}`;
  if (title.length < TITLE_LENGTH.min) title = `${title} - ${ctx.city}`;
  if (title.length > TITLE_LENGTH.max) title = polish(ctx, topic.t);
  if (title.length < TITLE_LENGTH.min) title = `${title} - ${ctx.entity}`;
  return clampWords(title, TITLE_LENGTH.max);
}

// Applied after placeholders are filled, so places and entity names vary too.
function polish(ctx: ArabicContext, text: string): string {
  const { rng, style } = ctx;
  let out = text;
  if (style.diacritics)
    out = out.replace(ARABIC_WORD, (w) => {
      const marked = DIACRITISED[w];
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

interface EnglishTopic {
  t: string;
  /** Complaint: the problem, lower-case start. */
  s: string;
  q: string;
  idea: string;
  /** The idea as a title. */
  it: string;
  thanks: string;
  report: readonly [title: string, statement: string];
  /** Arabic words of the entity names the topic belongs to, as in the Arabic pools. */
  k?: readonly string[];
}

const EN_TOPICS: Record<Sector, readonly EnglishTopic[]> = {
  health: [
    {
      t: 'specialist clinic appointments',
      s: 'the specialist clinic at the government hospital gives appointments more than two months ahead',
      q: 'How can I book a specialist clinic appointment online without going to the hospital?',
      idea: 'sending patients an SMS reminder the day before their appointment',
      it: 'appointment reminders by SMS',
      thanks: 'the care my mother received in the emergency department',
      report: ['Clinic working without a licence', 'a dental clinic in {area} works without a licence'],
    },
    {
      t: 'expired food in a supermarket',
      s: 'a supermarket in {area} keeps selling dairy products past their expiry date although I told the manager',
      q: 'How can I check whether an imported food supplement is registered?',
      idea: 'publishing a searchable list of registered food supplements',
      it: 'a public list of registered supplements',
      thanks: 'inspecting the shop I reported within two days',
      report: ['Expired food on sale', 'a grocery store in {area} is selling dairy products past their expiry date'],
      k: ['الغذاء والدواء'],
    },
  ],
  education: [
    {
      t: 'school transfer request',
      s: "my son's transfer to a school near our new home in {area} has been pending for weeks",
      q: 'What documents are needed to move a child from a private school to a public school mid-year?',
      idea: 'letting parents file and track school transfer requests online',
      it: 'online school transfer requests',
      thanks: 'issuing my certified Tawjihi transcript within minutes',
      report: ['Unsafe school wall', 'the wall of the primary school in {area} is cracked and leaning'],
    },
    {
      t: 'recognition of a foreign degree',
      s: 'my application to have my foreign bachelor degree recognised has been under review for months',
      q: 'Is the university I want to study at abroad recognised, and where can I find the list?',
      idea: 'publishing a clear processing time for each stage of degree recognition',
      it: 'clear timelines for degree recognition',
      thanks: 'completing the recognition of my degree ahead of time',
      report: [
        'Fake training institute',
        'an institute in {area} sells "accredited" courses and never issues certificates',
      ],
      k: ['التعليم العالي', 'القبول', 'التدريب المهني'],
    },
  ],
  social: [
    {
      t: 'social security registration',
      s: 'my employer has not registered me with social security although I have worked for him for two years',
      q: 'Can a foreign worker check online whether the employer has paid his social security contributions?',
      idea: 'adding a detailed contributions statement to the social security app',
      it: 'a contributions statement in the app',
      thanks: 'following up my labour complaint until I received my unpaid wages',
      report: ['Unregistered workers', 'a factory in {area} employs about twenty workers without social security'],
    },
  ],
  infrastructure: [
    {
      t: 'water supply interruption',
      s: 'there has been no water in our building in {area} for a week, although our turn in the schedule has passed',
      q: 'How do I transfer the water subscription to the new owner of the apartment?',
      idea: 'sending subscribers an SMS before any planned water cut',
      it: 'SMS notice before water cuts',
      thanks: 'repairing the broken water main on our street the same day',
      report: [
        'Water leaking into the street',
        'a main water pipe in {area} has been leaking into the street for days',
      ],
      k: ['مياه', 'وادي الأردن'],
    },
    {
      t: 'electricity bill',
      s: 'this month the electricity bill tripled although our consumption did not change',
      q: 'How do I know whether my electricity subscription gets the subsidised tariff?',
      idea: 'installing smart meters so that bills follow actual readings',
      it: 'smart electricity meters',
      thanks: 'restoring the power within an hour on a stormy night',
      report: ['Exposed electricity cables', 'a leaning pole with exposed cables stands next to a school in {area}'],
      k: ['كهرباء', 'الطاقة'],
    },
    {
      t: 'vehicle licensing appointment',
      s: 'no vehicle inspection appointments are available in the app before my licence expires',
      q: 'Can I renew my driving licence online, and what are the fees?',
      idea: 'allowing new cars to be licensed entirely through the app',
      it: 'licensing new cars online',
      thanks: 'renewing my car licence in twenty minutes',
      report: [
        'Unlicensed taxi service',
        'a private car in {area} is carrying passengers for a fare without a licence',
      ],
      k: ['ترخيص', 'السير', 'النقل'],
    },
  ],
  municipal: [
    {
      t: 'street lighting',
      s: 'the street lights on the main road in {area} have been out for a month and the area is completely dark',
      q: 'What are the fees for a vocational licence for a small grocery shop?',
      idea: 'letting residents photograph a problem and pin it on a map in the app',
      it: 'photo reports pinned on a map',
      thanks: 'fixing the street lights the day after I reported them',
      report: [
        'Unlicensed workshop',
        'a metal workshop operates without a licence inside a residential area in {area}',
      ],
    },
  ],
  economy: [
    {
      t: 'income tax refund',
      s: 'my income tax refund for last year has not been paid although I filed my return on time',
      q: 'Do I need to file an income tax return if my only income is my salary?',
      idea: 'pre-filling tax returns for salaried employees from payroll data',
      it: 'pre-filled tax returns',
      thanks: 'refunding the tax I was owed directly to my bank account',
      report: ['Tax evasion', 'a large shop in {area} never issues invoices to its customers'],
      k: ['ضريبة', 'المالية'],
    },
    {
      t: 'prices above the official list',
      s: 'shops in {area} sell vegetables and gas cylinders well above the official prices',
      q: 'Where can I find the official price list for fruit and vegetables?',
      idea: 'an app showing official prices where citizens can report violations with a photo',
      it: 'an official prices app',
      thanks: 'fining the shop I reported for overcharging within two days',
      report: ['Price gouging', 'a shop in {area} sells basic goods above the official prices and shows no price tags'],
    },
  ],
  sovereign: [
    {
      t: 'passport renewal',
      s: 'my renewed passport was not ready on the date given in the SMS, two weeks ago',
      q: 'How can I renew my passport while living abroad, and how long does it take?',
      idea: 'allowing appointments to be booked in advance at civil status offices',
      it: 'advance booking at civil status offices',
      thanks: 'renewing my passport within one hour',
      report: ['Flammable materials stored between houses', 'a warehouse in {area} stores gas cylinders between homes'],
    },
  ],
  justice: [
    {
      t: 'repeated postponement of hearings',
      s: 'my case at the court of first instance has been postponed six times without a clear reason',
      q: 'How can I follow the hearing dates of my case online?',
      idea: 'serving court notices by SMS and e-mail to reduce postponements',
      it: 'court notices by SMS',
      thanks: 'certifying my power of attorney quickly and courteously',
      report: ['Bribery', 'an employee at a government office in {area} asks for money to speed up transactions'],
    },
  ],
  environment: [
    {
      t: 'smoke from a nearby factory',
      s: 'a factory near {area} releases thick black smoke at night',
      q: 'What is required to obtain environmental approval for a poultry farm?',
      idea: 'fining drivers who throw litter from their cars, using cameras',
      it: 'cameras against littering',
      thanks: 'inspecting the polluting factory quickly and stopping the smoke',
      report: ['Burning of waste and tyres', 'waste and tyres are burnt on an empty plot next to homes in {area}'],
    },
  ],
  culture: [
    {
      t: 'neglected archaeological site',
      s: 'the archaeological site in {area} is neglected, full of litter and has no signs',
      q: 'Is entry to archaeological sites free for Jordanian students on Fridays?',
      idea: 'an annual pass for museums and archaeological sites at a symbolic price for residents',
      it: 'an annual pass for heritage sites',
      thanks: 'the helpful guides and staff at the site',
      report: ['Illegal digging for antiquities', 'people are digging for antiquities at night near {area}'],
    },
  ],
};

const EN_AREAS: readonly string[] = [
  "Tla'a Al-Ali",
  'Khalda',
  'Sweileh',
  'Abdoun',
  'Jabal Al-Hussein',
  'Shmeisani',
  'Marka',
  'Tabarbour',
  'Russeifa',
  'Zarqa',
  'Irbid',
  'Aqaba',
  'Madaba',
  'Salt',
  'Jerash',
];

const EN_OPENINGS = ['Dear Sir/Madam,', 'Hello,', 'Good morning,', 'To whom it may concern,'];
const EN_INTROS = [
  'I live in {area}.',
  'I am writing on behalf of my elderly father.',
  'I am a Jordanian expatriate and I prefer to write in English.',
];
const EN_PILLAR: Record<Pillar, string> = {
  serviceQuality: 'and the problem keeps coming back despite my earlier complaints',
  deliveryTime: 'and it has already taken far longer than the published service time',
  employeeBehaviour: 'and the employee at the counter was rude and refused to explain why',
  serviceProcedures: 'and at every visit I am asked for a different document',
  deliveryInfrastructure: 'and the online service keeps failing at the payment step',
};
const EN_CLOSINGS: Record<ApplicationType, readonly string[]> = {
  complaint: ['Please look into this as soon as possible.', 'I would appreciate a quick response.'],
  inquiry: ['Thank you in advance.', 'I look forward to your reply.'],
  suggestion: ['I hope you will consider it.', 'Thank you for listening to citizens.'],
  compliment: ['Thank you all.', 'Please pass my thanks to their manager.'],
  report: ['Please send someone to inspect the site.', 'Please act before someone gets hurt.'],
};
const EN_FILLERS = [
  'I could not find a clear answer on the website.',
  'I have tried to solve this myself before writing to you.',
  'Many of my neighbours share the same concern.',
];

function composeEnglish(rng: SeedRandom, input: CaseTextInput): CaseText {
  const pool = EN_TOPICS[input.sector];
  const specific = pool.filter((t) => t.k?.some((word) => input.entityNameAr.includes(word)));
  const general = pool.filter((t) => !t.k);
  const topic = rng.pick(specific.length > 0 ? specific : general.length > 0 ? general : pool);
  const area = rng.pick(EN_AREAS);
  const entity = /^(Al-|Prince )/.test(input.entityNameEn) ? input.entityNameEn : `the ${input.entityNameEn}`;
  const fillEn = (s: string) => s.replaceAll('{area}', area);
  const ref = `Reference number: ${rng.int(100000, 9999999)}.`;
  const parts: Part[] = [];
  let title: string;
  switch (input.type) {
    case 'complaint':
      title = rng.pick([`Complaint about ${topic.t}`, `Problem with ${topic.t}`, capitalise(topic.t)]);
      if (rng.chance(0.3)) parts.push({ text: fillEn(rng.pick(EN_INTROS)), drop: 3 });
      parts.push({ text: `${capitalise(fillEn(topic.s))}, ${EN_PILLAR[input.pillar]}.` });
      if (rng.chance(0.4)) parts.push({ text: ref, drop: 2 });
      break;
    case 'report':
      title = `${topic.report[0]} in ${area}`;
      parts.push({ text: 'I would like to report a violation.', drop: 3 });
      parts.push({ text: `${capitalise(fillEn(topic.report[1]))}.` });
      break;
    case 'inquiry':
      title = rng.pick([`Question about ${topic.t}`, `Inquiry: ${topic.t}`]);
      if (rng.chance(0.4)) parts.push({ text: fillEn(rng.pick(EN_INTROS)), drop: 3 });
      parts.push({ text: topic.q });
      break;
    case 'suggestion':
      title = `Suggestion: ${topic.it}`;
      parts.push({ text: `I have dealt with ${entity} several times and have a suggestion.`, drop: 3 });
      parts.push({ text: `I suggest ${topic.idea}.` });
      break;
    case 'compliment':
      title = `Thank you to the staff of ${entity}`;
      parts.push({ text: `I would like to thank the staff of ${entity} for ${topic.thanks}.` });
      break;
  }
  parts.push({ text: rng.pick(EN_CLOSINGS[input.type]) });
  if (rng.chance(0.8)) withSalutation(parts, rng.pick(EN_OPENINGS));
  if (title.length < TITLE_LENGTH.min) title = `${title} in ${area}`;
  if (title.length > TITLE_LENGTH.max) title = capitalise(topic.t);
  if (title.length < TITLE_LENGTH.min) title = `${title} - ${input.entityNameEn}`;
  return {
    title: clampWords(title, TITLE_LENGTH.max),
    body: fitParts(parts, BODY_LENGTH, EN_FILLERS, rng),
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

const ANSWER_OPENINGS_AR = ['المواطن الكريم،', 'تحية طيبة وبعد،', 'السيد/ة المراجع/ة المحترم/ة،', 'شكراً لتواصلكم،'];
const ANSWERS_AR: Record<ApplicationType, readonly string[]> = {
  complaint: [
    'نعتذر عن التأخير، وقد تمت متابعة الموضوع مع القسم المختص وإنجاز المعاملة، ويمكنكم مراجعة المكتب لاستلامها.',
    'تم الكشف على الموقع من قبل الفريق المختص وإصلاح الخلل، ونرجو إبلاغنا في حال تكرار المشكلة.',
    'تم التحقق من الملاحظة واتخاذ الإجراء الإداري اللازم، ونؤكد حرصنا على حسن معاملة المراجعين.',
    'تمت إحالة الشكوى إلى المديرية المعنية وسيتم التواصل معكم خلال ثلاثة أيام عمل.',
    'نرجو تزويدنا برقم المعاملة وصورة عن الوثيقة لاستكمال دراسة الشكوى.',
  ],
  inquiry: [
    'يمكنكم تقديم الطلب إلكترونياً عبر تطبيق سند أو الموقع الإلكتروني، والوثائق المطلوبة مذكورة في دليل الخدمات.',
    'تستغرق المعاملة عادة خمسة أيام عمل من تاريخ استكمال الوثائق، وسيصلكم إشعار برسالة نصية.',
    'نفيدكم بأن طلبكم قيد الدراسة حالياً وسيتم إعلامكم بالنتيجة حال صدورها.',
    'يرجى مراجعة أقرب مكتب مع الهوية الشخصية، ولا يلزم إحضار أي وثائق إضافية.',
  ],
  suggestion: [
    'نشكركم على اقتراحكم القيّم، وقد تمت إحالته إلى وحدة تطوير الخدمات لدراسته ضمن خطة العام القادم.',
    'الاقتراح قيد الدراسة حالياً، ونقدّر حرصكم على تحسين الخدمة المقدمة للمواطنين.',
  ],
  compliment: [
    'نشكر لكم كلماتكم الطيبة، وتم إبلاغ الموظف وإدارته بهذه الإشادة تقديراً لجهوده.',
    'يسعدنا رضاكم عن الخدمة، وسنعمل على الحفاظ على هذا المستوى وتحسينه.',
  ],
  report: [
    'تم التعامل مع البلاغ وتحويله إلى فرق الرقابة الميدانية، وتمت مخالفة الجهة المخالفة حسب الأصول.',
    'تم الكشف الحسي على الموقع واتخاذ الإجراءات القانونية اللازمة.',
    'تمت معالجة البلاغ وإزالة المخالفة، ونرجو إبلاغنا في حال تكرارها.',
  ],
};
const ANSWER_CLOSINGS_AR = ['مع الشكر لتواصلكم عبر منصة بخدمتكم.', 'وتفضلوا بقبول فائق الاحترام.', 'شاكرين تعاونكم.'];

const ANSWERS_EN: Record<ApplicationType, readonly string[]> = {
  complaint: [
    'We apologise for the delay. The competent department has completed your transaction and you may collect it.',
    'Our field team inspected the site and fixed the fault. Please let us know if the problem happens again.',
  ],
  inquiry: [
    'You can apply online through the Sanad app or our website; the required documents are listed in the service guide.',
    'The transaction usually takes five working days once all documents are complete; you will be notified by SMS.',
  ],
  suggestion: ['Thank you for your valuable suggestion; it has been referred to the service development unit.'],
  compliment: ['Thank you for your kind words; they have been passed on to the employee and their manager.'],
  report: ['Your report was referred to our inspection team, who visited the site and took the legal measures.'],
};

/** A focal point's reply, in the language of the case: formal, 80–250 characters. */
export function composeAnswer(rng: SeedRandom, input: { type: ApplicationType; language: 'ar' | 'en' }): string {
  const parts: Part[] =
    input.language === 'ar'
      ? [
          { text: rng.pick(ANSWER_OPENINGS_AR), drop: 2 },
          { text: rng.pick(ANSWERS_AR[input.type]) },
          { text: rng.pick(ANSWER_CLOSINGS_AR), drop: 1 },
        ]
      : [
          { text: rng.pick(ANSWERS_EN[input.type]) },
          { text: 'Thank you for contacting us through Bekhedmetkom.', drop: 1 },
        ];
  if (input.language === 'en') withSalutation(parts, 'Dear citizen,');
  const fillers =
    input.language === 'ar'
      ? ['ونحن بخدمتكم دائماً.', 'نتمنى لكم دوام الصحة والعافية.']
      : ['We are always at your service.'];
  return fitParts(parts, ANSWER_LENGTH, fillers, rng);
}
