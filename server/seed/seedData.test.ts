import { describe, expect, it } from 'vitest';
import { APPLICATION_TYPES, PILLARS, SECTORS, Sector, EntityKind } from '../../shared/domain/taxonomy';
import { normalizeForSearch } from '../../shared/text/arabicNormalize';
import { ENTITY_SEEDS } from './entities';
import { ANSWER_LENGTH, BODY_LENGTH, TITLE_LENGTH, composeAnswer, composeCaseText, type CaseText } from './caseTexts';
import { NAME_POOL_SIZES, jordanianMobile, personName, shortName } from './people';
import { createSeedRandom } from '../../shared/random/seedRandom';

const ARABIC = /[\u0600-\u06FF]/;

/** Draws like the demo seed does: a random entity, type and pillar per case. */
function draw(seed: number, count: number): CaseText[] {
  const rng = createSeedRandom(seed);
  return Array.from({ length: count }, () => {
    const entity = rng.pick(ENTITY_SEEDS);
    return composeCaseText(rng, {
      type: rng.pick(APPLICATION_TYPES),
      pillar: rng.pick(PILLARS),
      sector: entity.sector,
      entityNameAr: entity.nameAr,
      entityNameEn: entity.nameEn,
    });
  });
}

describe('demo entities', () => {
  it('are the 106 entities, with unique codes, resolvable parents and valid vocabularies', () => {
    expect(ENTITY_SEEDS).toHaveLength(106);
    const codes = new Set(ENTITY_SEEDS.map((e) => e.code));
    expect(codes.size).toBe(106);
    expect(new Set(ENTITY_SEEDS.map((e) => e.nameAr)).size).toBe(106);
    expect(new Set(ENTITY_SEEDS.map((e) => e.nameEn)).size).toBe(106);
    for (const e of ENTITY_SEEDS) {
      expect(e.code).toMatch(/^[A-Z]{2,12}$/);
      if (e.parentCode !== null) {
        expect(codes.has(e.parentCode)).toBe(true);
        expect(e.parentCode).not.toBe(e.code);
      }
      expect(Sector.safeParse(e.sector).success).toBe(true);
      expect(EntityKind.safeParse(e.kind).success).toBe(true);
      expect(e.nameAr).toMatch(ARABIC);
      expect(e.nameEn).toMatch(/^[A-Z][A-Za-z' ,()-]+$/);
    }
  });

  it('form a forest: following parents never loops', () => {
    const byCode = new Map(ENTITY_SEEDS.map((e) => [e.code, e]));
    for (const e of ENTITY_SEEDS) {
      const seen = new Set<string>();
      for (let at: string | null = e.code; at !== null; at = byCode.get(at)!.parentCode) {
        expect(seen.has(at)).toBe(false);
        seen.add(at);
      }
    }
  });

  it('cover every sector and keep the links the console relies on', () => {
    expect(new Set(ENTITY_SEEDS.map((e) => e.sector))).toEqual(new Set(SECTORS));
    const parentOf = (code: string) => ENTITY_SEEDS.find((e) => e.code === code)?.parentCode;
    expect(parentOf('GAM')).toBeNull();
    expect(parentOf('MOH')).toBeNull();
    expect(parentOf('DVLD')).toBe('PSD');
    expect(parentOf('WAJ')).toBe('MWI');
    expect(parentOf('CSPD')).toBe('MOI');
    for (const m of ENTITY_SEEDS.filter((e) => e.kind === 'municipality' && e.code !== 'GAM'))
      expect(m.parentCode).toBe('MOLA');
  });
});

describe('demo case texts', () => {
  const texts = draw(5, 2000);

  it('are the same for the same seed', () => {
    expect(draw(5, 2000)).toEqual(texts);
    expect(draw(6, 50)).not.toEqual(texts.slice(0, 50));
  });

  it('keep titles and bodies within bounds, with every placeholder filled', () => {
    for (const t of [...texts, ...draw(11, 20_000)]) {
      expect(t.title.length).toBeGreaterThanOrEqual(TITLE_LENGTH.min);
      expect(t.title.length).toBeLessThanOrEqual(TITLE_LENGTH.max);
      expect(t.body.length).toBeGreaterThanOrEqual(BODY_LENGTH.min);
      expect(t.body.length).toBeLessThanOrEqual(BODY_LENGTH.max);
      expect(t.title + t.body).not.toMatch(/[{}]|undefined|\s{2}/);
    }
  });

  it('are about 95% Arabic, written in the language they claim', () => {
    const arabicShare = texts.filter((t) => t.language === 'ar').length / texts.length;
    expect(arabicShare).toBeGreaterThan(0.92);
    expect(arabicShare).toBeLessThan(0.98);
    for (const t of texts) {
      if (t.language === 'ar') expect(t.body).toMatch(ARABIC);
      else expect(t.title + t.body).not.toMatch(ARABIC);
    }
  });

  it('read varied', () => {
    expect(new Set(texts.map((t) => t.body)).size).toBeGreaterThan(1950);
    expect(new Set(texts.map((t) => t.title)).size).toBeGreaterThan(1000);
  });

  it('carry the spelling variation search must fold: diacritics, hamza forms, digits', () => {
    const arabic = texts.filter((t) => t.language === 'ar').map((t) => t.title + ' ' + t.body);
    const share = (re: RegExp) => arabic.filter((s) => re.test(s)).length / arabic.length;
    expect(share(/[\u064B-\u0652]/)).toBeGreaterThan(0.05);
    expect(share(/(^|\s)الى\s/)).toBeGreaterThan(0.005);
    expect(share(/(^|\s)إلى\s/)).toBeGreaterThan(0.1);
    expect(share(/[\u0660-\u0669]/)).toBeGreaterThan(0.01);
    expect(share(/[0-9]/)).toBeGreaterThan(0.1);
    // Both spellings of a word land on the same folded form.
    expect(normalizeForSearch('الى المنطقه')).toBe(normalizeForSearch('إلى المنطقة'));
  });

  it('tie topics to the entity they are sent to', () => {
    const rng = createSeedRandom(8);
    const water = Array.from({ length: 200 }, () =>
      composeCaseText(rng, {
        type: 'complaint',
        pillar: 'deliveryTime',
        sector: 'infrastructure',
        entityNameAr: 'شركة مياه اليرموك',
        entityNameEn: 'Yarmouk Water Company',
      }),
    ).filter((t) => t.language === 'ar');
    // Titles only: bodies may name the entity, which says "water" by itself.
    const aboutWater = water.filter((t) => /مياه|الصرف/.test(normalizeForSearch(t.title)));
    expect(aboutWater.length / water.length).toBeGreaterThan(0.85);
  });
});

describe('focal point answers', () => {
  it('stay within bounds in both languages and for every type', () => {
    const rng = createSeedRandom(4);
    for (let i = 0; i < 2000; i++) {
      const language = i % 4 === 0 ? 'en' : 'ar';
      const answer = composeAnswer(rng, { type: APPLICATION_TYPES[i % APPLICATION_TYPES.length]!, language });
      expect(answer.length).toBeGreaterThanOrEqual(ANSWER_LENGTH.min);
      expect(answer.length).toBeLessThanOrEqual(ANSWER_LENGTH.max);
      if (language === 'ar') expect(answer).toMatch(ARABIC);
      else expect(answer).not.toMatch(ARABIC);
    }
  });
});

describe('demo people', () => {
  it('name people with first, father and family names in Arabic and English', () => {
    const rng = createSeedRandom(3);
    for (let i = 0; i < 500; i++) {
      const name = personName(rng);
      expect(name.ar.split(' ').length).toBeGreaterThanOrEqual(3);
      expect(name.ar).toMatch(ARABIC);
      expect(name.en).toMatch(/^[A-Z][A-Za-z' -]+$/);
      expect(name.en.split(' ').length).toBeGreaterThanOrEqual(3);
      expect(shortName(rng).ar.split(' ').length).toBeGreaterThanOrEqual(2);
    }
    expect(NAME_POOL_SIZES.male).toBeGreaterThanOrEqual(50);
    expect(NAME_POOL_SIZES.female).toBeGreaterThanOrEqual(50);
    expect(NAME_POOL_SIZES.family).toBeGreaterThanOrEqual(60);
  });

  it('give Jordanian mobile numbers', () => {
    const rng = createSeedRandom(3);
    for (let i = 0; i < 500; i++) expect(jordanianMobile(rng)).toMatch(/^\+9627[789]\d{7}$/);
  });
});
