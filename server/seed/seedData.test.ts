import { describe, expect, it } from 'vitest';
import { APPLICATION_TYPES, PILLARS, SECTORS, Sector, EntityKind } from '../../shared/domain/taxonomy';
import { ENTITY_SEEDS } from './entities';
import { composeCaseText } from './caseTexts';
import { personName, jordanianMobile } from './people';
import { createSeedRandom } from './seedRandom';

describe('demo seed data', () => {
  it('has the 106 entities, unique codes, resolvable parents and valid vocabularies', () => {
    expect(ENTITY_SEEDS).toHaveLength(106);
    const codes = new Set(ENTITY_SEEDS.map((e) => e.code));
    expect(codes.size).toBe(106);
    for (const e of ENTITY_SEEDS) {
      if (e.parentCode) expect(codes.has(e.parentCode)).toBe(true);
      expect(Sector.safeParse(e.sector).success).toBe(true);
      expect(EntityKind.safeParse(e.kind).success).toBe(true);
      expect(e.nameAr).toMatch(/[\u0600-\u06FF]/);
      expect(e.nameEn).toMatch(/^[A-Za-z]/);
    }
  });

  it('writes case texts within bounds, mostly Arabic, and the same for the same seed', () => {
    const draw = (seed: number) => {
      const rng = createSeedRandom(seed);
      return Array.from({ length: 2000 }, (_, i) =>
        composeCaseText(rng, {
          type: APPLICATION_TYPES[i % APPLICATION_TYPES.length]!,
          pillar: PILLARS[i % PILLARS.length]!,
          sector: SECTORS[i % SECTORS.length]!,
          entityNameAr: 'وزارة الصحة',
          entityNameEn: 'Ministry of Health',
        }),
      );
    };
    const texts = draw(5);
    expect(draw(5)).toEqual(texts);
    for (const t of texts) {
      expect(t.title.length).toBeGreaterThanOrEqual(8);
      expect(t.title.length).toBeLessThanOrEqual(80);
      expect(t.body.length).toBeGreaterThanOrEqual(60);
      expect(t.body.length).toBeLessThanOrEqual(450);
    }
    const arabicShare = texts.filter((t) => t.language === 'ar').length / texts.length;
    expect(arabicShare).toBeGreaterThan(0.9);
    expect(new Set(texts.map((t) => t.body)).size).toBeGreaterThan(1500);
  });

  it('names people in Arabic and English and gives Jordanian mobiles', () => {
    const rng = createSeedRandom(3);
    const name = personName(rng);
    expect(name.ar.split(' ').length).toBeGreaterThanOrEqual(3);
    expect(name.en).toMatch(/^[A-Z]/);
    expect(jordanianMobile(rng)).toMatch(/^\+9627[789]\d{7}$/);
  });
});
