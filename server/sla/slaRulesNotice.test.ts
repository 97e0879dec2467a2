import { describe, expect, it } from 'vitest';
import { readSlaRulesNotice } from './slaRulesNotice';

describe('SLA rules notices between hub processes', () => {
  it.each<[string, string, number]>([
    ['a version', '{"version":7}', 7],
    ["json_build_object's spacing", '{"version" : 12}', 12],
    ['none saved yet', '{"version":0}', 0],
  ])('reads %s', (_name, payload, version) => {
    expect(readSlaRulesNotice(payload)).toEqual({ ok: true, version });
  });

  it.each<[string, string, 'notJson' | 'badShape']>([
    ['not JSON', '7,', 'notJson'],
    ['a bare number', '7', 'badShape'],
    ['a version as text', '{"version":"7"}', 'badShape'],
    ['a negative version', '{"version":-1}', 'badShape'],
    ['a fractional version', '{"version":1.5}', 'badShape'],
    ['no version', '{}', 'badShape'],
    ['an extra field', '{"version":7,"rules":{}}', 'badShape'],
    ['null', 'null', 'badShape'],
  ])('refuses %s', (_name, payload, reason) => {
    expect(readSlaRulesNotice(payload)).toMatchObject({ ok: false, reason });
  });
});
