import { describe, expect, it } from 'vitest';
import {
  mergeViewers,
  nextRemotePresence,
  type PresenceViewer,
  type RemoteEvent,
  type RemotePresence,
} from './presenceMerge';

const rules = { expiryMs: 15_000, maxProcesses: 2 };
const v = (caseId: string, userId: string, role = 'operator'): PresenceViewer => ({ caseId, userId, role });
const state = (...entries: [string, number, number, PresenceViewer[]][]): RemotePresence =>
  new Map(entries.map(([from, seq, heardAt, viewers]) => [from, { seq, heardAt, viewers }]));
/** What the desks would see from the remote side alone. */
const seen = (s: RemotePresence) => mergeViewers([], s).map((x) => `${x.caseId}:${x.userId}`);

describe('remote presence: each event', () => {
  it.each<[string, RemotePresence, RemoteEvent, string[]]>([
    ['a first announcement is believed', state(), viewers('p1', 1, 0, [v('c1', 'omar')]), ['c1:omar']],
    [
      'a newer announcement replaces the whole of what that process said',
      state(['p1', 1, 0, [v('c1', 'omar'), v('c2', 'huda')]]),
      viewers('p1', 2, 1, [v('c3', 'omar')]),
      ['c3:omar'],
    ],
    [
      'an older announcement arriving late is ignored',
      state(['p1', 5, 0, [v('c1', 'omar')]]),
      viewers('p1', 4, 1, []),
      ['c1:omar'],
    ],
    ['an empty announcement clears that process', state(['p1', 1, 0, [v('c1', 'omar')]]), viewers('p1', 2, 1, []), []],
    [
      "another process's announcement leaves the first's alone",
      state(['p1', 1, 0, [v('c1', 'omar')]]),
      viewers('p2', 1, 1, [v('c2', 'huda')]),
      ['c1:omar', 'c2:huda'],
    ],
    [
      'a process past the bound is not believed',
      state(['p1', 1, 0, [v('c1', 'omar')]], ['p2', 1, 0, []]),
      viewers('p3', 1, 1, [v('c9', 'sami')]),
      ['c1:omar'],
    ],
    [
      'bye drops that process at once',
      state(['p1', 1, 0, [v('c1', 'omar')]], ['p2', 1, 0, [v('c2', 'huda')]]),
      { kind: 'bye', from: 'p1' },
      ['c2:huda'],
    ],
    [
      'a tick within the expiry keeps everyone',
      state(['p1', 1, 0, [v('c1', 'omar')]]),
      { kind: 'tick', at: 15_000 },
      ['c1:omar'],
    ],
    [
      'a tick past the expiry drops the silent process only',
      state(['p1', 1, 0, [v('c1', 'omar')]], ['p2', 3, 10_000, [v('c2', 'huda')]]),
      { kind: 'tick', at: 15_001 },
      ['c2:huda'],
    ],
  ])('%s', (_name, before, event, expected) => {
    const snapshotBefore = seen(before);
    expect(seen(nextRemotePresence(before, event, rules))).toEqual(expected);
    expect(seen(before)).toEqual(snapshotBefore); // pure: the input is untouched
  });

  it.each<[string, RemotePresence, RemoteEvent]>([
    ['a stale announcement', state(['p1', 2, 0, []]), viewers('p1', 2, 1, [v('c1', 'omar')])],
    ['bye from an unknown process', state(['p1', 1, 0, []]), { kind: 'bye', from: 'p9' }],
    ['a tick with nobody expired', state(['p1', 1, 0, []]), { kind: 'tick', at: 1 }],
  ])('%s changes nothing (the same state back)', (_name, before, event) => {
    expect(nextRemotePresence(before, event, rules)).toBe(before);
  });
});

describe('merged viewers', () => {
  it.each<[string, PresenceViewer[], RemotePresence, number, string[]]>([
    ['local alone', [v('c2', 'omar'), v('c1', 'huda')], state(), 10, ['c1:huda', 'c2:omar']],
    ['remote alone', [], state(['p1', 1, 0, [v('c1', 'sami')]]), 10, ['c1:sami']],
    [
      'the same person on the same case here and elsewhere is one viewer',
      [v('c1', 'omar')],
      state(['p1', 1, 0, [v('c1', 'omar'), v('c1', 'huda')]]),
      10,
      ['c1:huda', 'c1:omar'],
    ],
    [
      'two desks of one person on one process are one viewer',
      [v('c1', 'omar'), v('c1', 'omar')],
      state(),
      10,
      ['c1:omar'],
    ],
    [
      'the same person on two cases is two viewers',
      [v('c1', 'omar')],
      state(['p1', 1, 0, [v('c2', 'omar')]]),
      10,
      ['c1:omar', 'c2:omar'],
    ],
    ['no more than the limit', [v('c1', 'a'), v('c2', 'b'), v('c3', 'c')], state(), 2, ['c1:a', 'c2:b']],
  ])('%s', (_name, local, remote, limit, expected) => {
    expect(mergeViewers(local, remote, limit).map((x) => `${x.caseId}:${x.userId}`)).toEqual(expected);
  });

  it('lists equal sets the same whatever order they arrived in', () => {
    const one = mergeViewers([v('c2', 'b')], state(['p1', 1, 0, [v('c1', 'a')]]));
    const two = mergeViewers([v('c1', 'a')], state(['p1', 1, 0, [v('c2', 'b')]]));
    expect(one).toEqual(two);
  });
});

function viewers(from: string, seq: number, at: number, list: PresenceViewer[]): RemoteEvent {
  return { kind: 'viewers', from, seq, at, viewers: list };
}
