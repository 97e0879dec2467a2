import { LadderWindows } from './ladderWindows';
import { SlaMatrix, type SlaRule } from './slaMatrix';
import { WorkingCalendar, type LocalizedName } from './workingCalendar';

// The three rule documents an administrator edits, seen as parts two people
// can change independently: a calendar entry, a matrix rule, an entity's
// ladder windows, each setting. The hub names the parts a newer version
// changed when it refuses a stale edit; the desk re-applies a refused edit's
// own changes, part by part, to the rules as they are now.

export type RuleKind = 'calendar' | 'matrix' | 'ladder';
export const RULE_KINDS: readonly RuleKind[] = ['calendar', 'matrix', 'ladder'];

export interface RuleDocuments {
  calendar: WorkingCalendar;
  matrix: SlaMatrix;
  ladder: LadderWindows;
}

export type RuleSetting =
  | 'weekendDays'
  | 'workingHours'
  | 'atRiskShare'
  | 'focalPoint'
  | 'director'
  | 'secretaryGeneral'
  /** A field this code does not know (a newer document): named by its key. */
  | 'other';

/** One part of a rules document, named so the hub and the desk can say which. */
export type RulePart =
  | { part: 'setting'; setting: RuleSetting; key: string }
  | { part: 'entry'; id: string; name: LocalizedName }
  | { part: 'rule'; id: string; match: Pick<SlaRule, 'type' | 'importance' | 'pillar'> }
  | { part: 'entity'; code: string };

export interface RulePartChange {
  part: RulePart;
  change: 'added' | 'removed' | 'changed';
}

interface Item {
  part: RulePart;
  value: unknown;
}

const SETTINGS: Record<string, RuleSetting> = {
  weekendDays: 'weekendDays',
  workingHours: 'workingHours',
  atRiskShare: 'atRiskShare',
  focalPoint: 'focalPoint',
  director: 'director',
  secretaryGeneral: 'secretaryGeneral',
};

// Each kind's keyed list: the calendar's entries by id, the matrix's rules by id, the ladder's overrides by code.
const LIST_OF: Record<RuleKind, 'entries' | 'rules' | 'entities'> = {
  calendar: 'entries',
  matrix: 'rules',
  ladder: 'entities',
};

/** The document's parts, in document order, keyed so that the same part of two versions meets. */
function itemsOf(kind: RuleKind, document: unknown): Map<string, Item> {
  const items = new Map<string, Item>();
  const doc = (document ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(doc)) {
    if (key === LIST_OF[kind] || value === undefined) continue;
    items.set(`setting:${key}`, { part: { part: 'setting', setting: SETTINGS[key] ?? 'other', key }, value });
  }
  if (kind === 'calendar') {
    for (const entry of (doc.entries ?? []) as WorkingCalendar['entries'])
      items.set(`entry:${entry.id}`, { part: { part: 'entry', id: entry.id, name: entry.name }, value: entry });
  } else if (kind === 'matrix') {
    for (const rule of (doc.rules ?? []) as SlaRule[]) {
      const match = { type: rule.type, importance: rule.importance, pillar: rule.pillar };
      items.set(`rule:${rule.id}`, { part: { part: 'rule', id: rule.id, match }, value: rule });
    }
  } else {
    for (const [code, windows] of Object.entries((doc.entities ?? {}) as Record<string, unknown>))
      items.set(`entity:${code}`, { part: { part: 'entity', code }, value: windows });
  }
  return items;
}

/** The same JSON value, whatever the order of object keys. */
export function sameRuleValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** What changed from one version of a document to another, part by part, in the newer one's order. */
export function ruleDocumentChanges(kind: RuleKind, before: unknown, after: unknown): RulePartChange[] {
  const old = itemsOf(kind, before);
  const now = itemsOf(kind, after);
  const changes: RulePartChange[] = [];
  for (const [key, item] of now) {
    const was = old.get(key);
    if (!was) changes.push({ part: item.part, change: 'added' });
    else if (!sameRuleValue(was.value, item.value)) changes.push({ part: item.part, change: 'changed' });
  }
  for (const [key, item] of old) if (!now.has(key)) changes.push({ part: item.part, change: 'removed' });
  return changes;
}

export type RuleMerge =
  | { ok: true; document: unknown; unchanged: boolean }
  /** Both changed these parts, each differently; or the parts merged into a document the schema refuses. */
  | { ok: false; clashes: RulePart[]; problem: string | null };

const SCHEMAS = { calendar: WorkingCalendar, matrix: SlaMatrix, ladder: LadderWindows } as const;

/**
 * Re-applies one edit to a newer version of its document: every part `mine`
 * changed from `base` (added, removed or changed) is put into `theirs`, and
 * every part it left alone stays as `theirs` has it. A part both changed,
 * differently, is a clash, and nothing is merged: the person must look at it
 * again. The same change made on both sides is no clash. Parts keep `theirs`'
 * order, and parts only `mine` has follow in its order. The result is checked
 * with the document's schema (two rules added for the same cases, say, merge
 * part by part into a matrix that is not valid).
 */
export function mergeRuleDocuments(kind: RuleKind, base: unknown, mine: unknown, theirs: unknown): RuleMerge {
  const b = itemsOf(kind, base);
  const m = itemsOf(kind, mine);
  const t = itemsOf(kind, theirs);
  const merged = new Map<string, Item | null>();
  const clashes: RulePart[] = [];
  for (const key of new Set([...b.keys(), ...m.keys(), ...t.keys()])) {
    const [bv, mv, tv] = [b.get(key), m.get(key), t.get(key)];
    const same = (x: Item | undefined, y: Item | undefined) => (x && y ? sameRuleValue(x.value, y.value) : x === y);
    if (same(mv, bv)) merged.set(key, tv ?? null);
    else if (same(tv, bv) || same(mv, tv)) merged.set(key, mv ?? null);
    else clashes.push((mv ?? tv ?? bv)!.part);
  }
  if (clashes.length > 0) return { ok: false, clashes, problem: null };
  // Theirs' order, then what only mine has, in mine's order.
  const order = [...t.keys(), ...[...m.keys()].filter((key) => !t.has(key))];
  const kept = order.flatMap((key) => {
    const item = merged.get(key);
    return item ? [[key, item] as const] : [];
  });
  const document: Record<string, unknown> = {};
  for (const [key, item] of kept) if (key.startsWith('setting:')) document[key.slice('setting:'.length)] = item.value;
  const listed = kept.filter(([key]) => !key.startsWith('setting:'));
  if (kind === 'ladder') {
    if (listed.length > 0 || (theirs as LadderWindows | undefined)?.entities !== undefined)
      document.entities = Object.fromEntries(listed.map(([key, item]) => [key.slice('entity:'.length), item.value]));
  } else document[LIST_OF[kind]] = listed.map(([, item]) => item.value);
  const parsed = SCHEMAS[kind].safeParse(document);
  if (!parsed.success) {
    const mineChanged = ruleDocumentChanges(kind, base, mine).map((c) => c.part);
    return { ok: false, clashes: mineChanged, problem: parsed.error.issues[0]?.message ?? 'invalid' };
  }
  return { ok: true, document: parsed.data, unchanged: sameRuleValue(parsed.data, theirs) };
}

const KIND_EN: Record<RuleKind, string> = {
  calendar: 'working calendar',
  matrix: 'SLA matrix',
  ladder: 'referral ladder',
};

/** The document's name in English, for the hub's messages: "working calendar". */
export const ruleKindName = (kind: RuleKind): string => KIND_EN[kind];

const SETTING_EN: Record<RuleSetting, string> = {
  weekendDays: 'the weekend',
  workingHours: 'the working hours',
  atRiskShare: 'the at-risk share',
  focalPoint: 'the focal point’s window',
  director: 'the director’s window',
  secretaryGeneral: 'the secretary-general’s window',
  other: 'a setting',
};

/** A part in English, for the hub's messages. */
export function rulePartText(part: RulePart): string {
  switch (part.part) {
    case 'setting':
      return part.setting === 'other' ? `“${part.key}”` : SETTING_EN[part.setting];
    case 'entry':
      return `“${part.name.en}”`;
    case 'rule': {
      const match = [part.match.type, part.match.importance, part.match.pillar].filter(Boolean).join(' · ');
      return `the ${match || 'catch-all'} rule`;
    }
    case 'entity':
      return `${part.code}’s windows`;
  }
}

/** Changes in English: "added “Storm closure”; changed the working hours". */
export function ruleChangesText(changes: readonly RulePartChange[], max = 6): string {
  const listed = changes.slice(0, max).map((c) => `${c.change} ${rulePartText(c.part)}`);
  if (changes.length > max) listed.push(`and ${changes.length - max} more`);
  return listed.join('; ');
}
