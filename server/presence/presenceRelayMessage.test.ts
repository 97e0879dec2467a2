import { describe, expect, it } from 'vitest';
import { encodeAnnouncement, encodeSignal, readRelayPayload, viewersOf } from './presenceRelayMessage';

const id = '3b241101-e2bb-4255-8caf-4136c566a962';
const viewer = (n: number, userId = 'omar') => ({
  caseId: `${id.slice(0, 30)}${String(n).padStart(6, '0')}`,
  userId,
  role: 'operator',
});

describe('presence relay payloads', () => {
  it.each<[string, string, string]>([
    ['not JSON', '{', 'notJson'],
    ['an unknown kind', JSON.stringify({ v: 1, t: 'who', from: 'p' }), 'badShape'],
    ['another version', JSON.stringify({ v: 2, t: 'hello', from: 'p' }), 'badShape'],
    ['an extra field', JSON.stringify({ v: 1, t: 'bye', from: 'p', note: 'x' }), 'badShape'],
    [
      'a viewer with a role outside the operation room',
      JSON.stringify({ v: 1, t: 'viewers', from: 'p', seq: 1, viewers: [['c1', 'fp-001', 'focalPoint']], more: false }),
      'badShape',
    ],
    [
      'a case id too long',
      JSON.stringify({
        v: 1,
        t: 'viewers',
        from: 'p',
        seq: 1,
        viewers: [['c'.repeat(65), 'omar', 'operator']],
        more: false,
      }),
      'badShape',
    ],
    [
      'a negative sequence',
      JSON.stringify({ v: 1, t: 'viewers', from: 'p', seq: -1, viewers: [], more: false }),
      'badShape',
    ],
  ])('refuses %s', (_name, payload, reason) => {
    const notice = readRelayPayload(payload);
    expect(notice).toMatchObject({ ok: false, reason });
    // The reason names where, never what: no value from the payload comes back.
    expect(JSON.stringify(notice)).not.toMatch(/omar|fp-001|ccccc/);
  });

  it.each([
    ['hello', encodeSignal('hello', 'p1')],
    ['bye', encodeSignal('bye', 'p1')],
    ['viewers', encodeAnnouncement('p1', 3, [viewer(1)]).payload],
  ])('reads back its own %s', (kind, payload) => {
    const notice = readRelayPayload(payload);
    expect(notice).toMatchObject({ ok: true, message: { t: kind, from: 'p1' } });
  });

  it('carries viewers unchanged', () => {
    const notice = readRelayPayload(encodeAnnouncement('p1', 3, [viewer(1), viewer(2, 'huda')]).payload);
    if (!notice.ok || notice.message.t !== 'viewers') throw new Error('expected viewers');
    expect(viewersOf(notice.message)).toEqual([viewer(1), viewer(2, 'huda')]);
    expect(notice.message.more).toBe(false);
  });

  it.each([
    ['ASCII names', 'omar.al-khatib'],
    ['Arabic names (two bytes a letter)', 'عمر.الخطيب.المشرف.العام'],
  ])('cuts an announcement to fit under the 8000-byte notify limit, with %s', (_name, userId) => {
    const many = Array.from({ length: 500 }, (_, n) => viewer(n, `${userId}${n}`));
    const { payload, dropped } = encodeAnnouncement('p1', 1, many);
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(7800);
    expect(dropped).toBeGreaterThan(0);
    const notice = readRelayPayload(payload);
    if (!notice.ok || notice.message.t !== 'viewers') throw new Error('expected viewers');
    expect(notice.message.viewers.length + dropped).toBe(500);
    expect(notice.message.more).toBe(true);
    // The first ones are the ones kept.
    expect(viewersOf(notice.message)[0]).toEqual(many[0]);
  });
});
