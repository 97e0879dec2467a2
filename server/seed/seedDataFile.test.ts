import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { loadSeedData } from './seedDataFile';
import { ARABIC } from './caseTextFragments';
import arabicData from './data/caseTextFragments.json' with { type: 'json' };

describe('seed data files', () => {
  it('load as written', () => {
    expect(ARABIC.sectorPools.health.complaint.length).toBeGreaterThan(0);
  });

  it('fail naming the file and each bad place in it', () => {
    const schema = z.strictObject({ pools: z.record(z.enum(['a']), z.array(z.object({ title: z.string().min(1) }))) });
    expect(() =>
      loadSeedData('pools.json', schema, { pools: { a: [{ title: 'x' }, { title: '' }] }, extra: 1 }),
    ).toThrow(
      /^Seed data file server\/seed\/data\/pools\.json is invalid:\n {2}at \$\.pools\.a\[1\]\.title: .+\n {2}at \$: .*extra/,
    );
  });

  it('refuse a placeholder the composer would not fill', async () => {
    const broken = structuredClone(arabicData);
    broken.sectorPools.health.complaint[0]!.sentence = 'انقطاع {street}';
    vi.resetModules();
    vi.doMock('./data/caseTextFragments.json', () => ({ default: broken }));
    await expect(import('./caseTextFragments')).rejects.toThrow(
      /caseTextFragments\.json is invalid:\n {2}at \$\.sectorPools\.health\.complaint\[0\]\.sentence: unknown placeholder \{street\}/,
    );
    vi.doUnmock('./data/caseTextFragments.json');
  });
});
