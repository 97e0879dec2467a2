import { describe, expect, it } from 'vitest';
import { PageLedger } from './pageLedger';

type Step =
  | ['request', number[], number[]]
  | ['accept', number, number, boolean]
  | ['fail', number, number]
  | ['invalidate']
  | ['reset']
  | ['forget', number[]]
  | ['current', number, boolean];

/** Each step: what the store does, and (for requests and replies) what the ledger must answer. */
const scenarios: [string, Step[]][] = [
  [
    'asks once for pages not held',
    [
      ['request', [0, 1], [0, 1]],
      ['request', [0, 1, 2], [2]],
      ['accept', 0, 0, true],
      ['request', [0, 1, 2], []],
    ],
  ],
  [
    'asks again for every page after a change, and shows the fresh reply',
    [
      ['request', [0], [0]],
      ['accept', 0, 0, true],
      ['invalidate'],
      ['request', [0, 1], [0, 1]],
      ['accept', 0, 1, true],
    ],
  ],
  [
    'never lets a slow reply from before a change overwrite a newer one',
    [
      ['request', [4], [4]],
      ['invalidate'],
      ['request', [4], [4]],
      ['accept', 4, 1, true],
      ['accept', 4, 0, false],
      ['request', [4], []],
    ],
  ],
  [
    'shows an older reply while nothing newer has come, and still asks for a fresh one',
    [['request', [7], [7]], ['invalidate'], ['accept', 7, 0, true], ['request', [7], [7]]],
  ],
  [
    'drops every reply for an abandoned query',
    [
      ['request', [0, 1], [0, 1]],
      ['reset'],
      ['accept', 0, 0, false],
      ['request', [0], [0]],
      ['accept', 0, 1, true],
      ['accept', 1, 0, false],
    ],
  ],
  [
    'asks again after a failure',
    [
      ['request', [3], [3]],
      ['fail', 3, 0],
      ['request', [3], [3]],
    ],
  ],
  [
    'vouches for a page’s keys only while nothing has changed since it came',
    [
      ['request', [2], [2]],
      ['current', 2, false],
      ['accept', 2, 0, true],
      ['current', 2, true],
      ['invalidate'],
      ['current', 2, false],
      ['reset'],
      ['current', 2, false],
    ],
  ],
  [
    'asks again for a page dropped from the cache',
    [
      ['request', [9], [9]],
      ['accept', 9, 0, true],
      ['forget', [9]],
      ['request', [9], [9]],
    ],
  ],
];

describe('PageLedger', () => {
  it.each(scenarios)('%s', (_name, steps) => {
    const ledger = new PageLedger();
    for (const step of steps) {
      switch (step[0]) {
        case 'request':
          expect(ledger.request(step[1]).map((ticket) => ticket.page)).toEqual(step[2]);
          break;
        case 'accept':
          expect(ledger.accept({ page: step[1], epoch: step[2] })).toBe(step[3]);
          break;
        case 'fail':
          ledger.fail({ page: step[1], epoch: step[2] });
          break;
        case 'invalidate':
          ledger.invalidate();
          break;
        case 'reset':
          ledger.reset();
          break;
        case 'forget':
          ledger.forget(step[1]);
          break;
        case 'current':
          expect(ledger.isCurrent(step[1])).toBe(step[2]);
          break;
      }
    }
  });
});
