import { describe, expect, it } from 'vitest';
import { caseRecord } from '../../tests/support/caseRecordFixture';
import { snapshotRowParams } from '../replica/snapshotColumns';
import { SnapshotPageDecoder, isDecodeFailure } from './snapshotPageDecoder';

const rows = [
  caseRecord({ id: '018f0000-0000-7000-8000-000000000001', title: 'تأخر صرف بدل المواصلات', body: 'نصٌّ عربيّ مع تشكيل' }),
  caseRecord({ id: '018f0000-0000-7000-8000-000000000002', title: 'Late reply', body: 'English, then عربي' }),
  caseRecord({ id: '018f0000-0000-7000-8000-000000000003', title: '😀 رمز تعبيري', body: '' }),
];
const end = { kind: 'pageEnd', table: 'cases', rows: rows.length, lastKey: rows.at(-1)!.id, done: true };
const page = Buffer.from([...rows, end].map((line) => JSON.stringify(line)).join('\n') + '\n');

/** The page's bytes cut into chunks of `size` bytes, so cuts fall inside lines and inside characters. */
const chunksOf = (bytes: Buffer, size: number) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

const decode = (chunks: Uint8Array[]) => {
  const decoder = new SnapshotPageDecoder('cases');
  for (const chunk of chunks) decoder.push(chunk);
  return decoder.finish();
};

describe('a snapshot page decoded as its bytes arrive', () => {
  // 1 and 2 cut every Arabic letter (two bytes) and the emoji (four) somewhere; a whole page is one chunk.
  it.each([1, 2, 3, 7, 64, 1000, page.length])('gives the same rows whatever the chunk size (%i bytes)', (size) => {
    const result = decode(chunksOf(page, size));
    if (isDecodeFailure(result)) throw new Error(result.message);
    expect(result.params).toEqual(rows.map((row) => snapshotRowParams('cases', row)));
    expect(result.end).toEqual(end);
  });

  it('takes a last line with no newline after it', () => {
    const result = decode([page.subarray(0, page.length - 1)]);
    expect(isDecodeFailure(result)).toBe(false);
  });

  it.each([
    ['a page cut before its closing line', page.subarray(0, page.indexOf('{"kind"')), 'endedEarly', /ended early/],
    [
      'a row that breaks the schema',
      Buffer.from(JSON.stringify({ ...rows[0], status: 'lost' }) + '\n'),
      'malformed',
      /malformed cases row/,
    ],
    ['a line that is not JSON', Buffer.from('{"id": \n'), 'malformed', /not NDJSON/],
  ])('refuses %s, with why', (_name, bytes, kind, message) => {
    const result = decode(chunksOf(bytes, 5));
    expect(result).toMatchObject({ kind, message: expect.stringMatching(message) });
  });
});
