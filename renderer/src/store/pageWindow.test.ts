import { describe, expect, it } from 'vitest';
import { pagesInView, pagesToDrop } from './pageWindow';

describe('pagesInView', () => {
  it.each([
    [0, 20, 1500, [0, 1]],
    [250, 270, 1500, [1, 2, 3]],
    [1480, 1499, 1500, [13, 14]],
    [0, 10, 0, []],
    [999_950, 999_999, 1_000_000, [9998, 9999]],
  ])('rows %i–%i of %i → pages %j', (first, last, total, expected) => {
    expect(pagesInView(first, last, total)).toEqual(expected);
  });
});

describe('pagesToDrop', () => {
  it.each([
    [
      [0, 1, 2, 3, 10, 11],
      [1, 2, 3],
      [10, 11],
    ],
    [[40, 41, 42], [41], []],
    [[0, 500], [250], [0, 500]],
    [[3, 4], [], []],
  ])('loaded %j, in view %j → drop %j', (loaded, inView, expected) => {
    expect(pagesToDrop(loaded, inView)).toEqual(expected);
  });
});
