import {
  APPLICATION_TYPES,
  CASE_STATUSES,
  CHANNELS,
  ESCALATION_LEVELS,
  IMPORTANCE_LEVELS,
  OPEN_STATUSES,
  PILLARS,
} from '../../shared/domain/taxonomy';
import {
  COUNT_TABLES,
  OUTCOME_COUNT_TABLES,
  OUTCOMES as SETTLED,
  QUEUE_COUNT_TABLES,
  type CountTable,
  type Outcome,
} from '../replica/replicaSchema';
import { snapshotColumnIndex } from '../replica/snapshotColumns';

const OPEN = new Set<string>(OPEN_STATUSES);

/**
 * A settled case's outcome, the same decision as replicaSchema's `outcomeSql` over
 * the urgent key (`'1' || due_at` for a case not open): null for an open case
 * or one with no deadline; 'met' or 'late' once answered, by its answer against
 * its deadline (ISO text in one form, so text order is time order, as in SQLite);
 * else 'unanswered'.
 */
export function settledOutcome(status: string, dueAt: string | null, answeredAt: string | null): Outcome | null {
  if (OPEN.has(status) || !dueAt) return null;
  if ((status === 'answered' || status === 'closed') && answeredAt !== null) {
    return answeredAt <= dueAt ? 'met' : 'late';
  }
  return 'unanswered';
}

/**
 * Each counter table's groups: by the text of its free-text facets (entity,
 * focal point), then by a number coding its enum facets and outcome, how many
 * cases share them.
 */
export type CountGroups = Record<CountTable, Map<string, Map<number, number>>>;

/** The values each enum facet can hold (zod has checked every row against them). */
const ENUM_VALUES: Record<string, readonly string[]> = {
  status: CASE_STATUSES,
  type: APPLICATION_TYPES,
  channel: CHANNELS,
  pillar: PILLARS,
  importance: IMPORTANCE_LEVELS,
  escalation_level: ESCALATION_LEVELS,
};
const OUTCOMES: readonly (Outcome | null)[] = [null, ...SETTLED];
const OUTCOME_CODES = new Map(OUTCOMES.map((outcome, code) => [outcome, code]));

/** How a table's facets are read off a row and coded: free text as text, each enum as a digit of the code. */
interface TablePlan {
  table: CountTable;
  /** Each facet in the table's column order: the index of its text among the texts, or its enum's values. */
  facets: ({ text: number } | { values: readonly string[] })[];
  /** Where each free-text facet sits in a row. */
  texts: number[];
  /** Each enum facet: where it sits in a row, its codes, and its digit's weight in the code. */
  digits: { at: number; codes: Map<string, number>; weight: number }[];
}

const PLANS: TablePlan[] = COUNT_TABLES.map((table) => {
  const plan: TablePlan = { table, facets: [], texts: [], digits: [] };
  let weight = OUTCOMES.length;
  for (const column of QUEUE_COUNT_TABLES[table]) {
    const at = snapshotColumnIndex('cases', column);
    const values = ENUM_VALUES[column];
    if (values) {
      plan.facets.push({ values });
      plan.digits.push({ at, codes: new Map(values.map((value, code) => [value, code])), weight });
      weight *= values.length;
    } else {
      plan.facets.push({ text: plan.texts.length });
      plan.texts.push(at);
    }
  }
  return plan;
});
const plans = Object.fromEntries(PLANS.map((plan) => [plan.table, plan])) as Record<CountTable, TablePlan>;

const [statusAt, dueAt, answeredAt] = ['status', 'due_at', 'answered_at'].map((c) =>
  snapshotColumnIndex('cases', c),
) as [number, number, number];

/**
 * What the counter tables and their outcome twins (replicaSchema.ts) would hold
 * for a set of cases, tallied row by row. A bootstrap tallies each page's
 * cases as it writes them, while the snapshot thread decodes the next page,
 * and fills the counter tables from the tally rather than sorting every case
 * once they are all written, while the operator waits. Enums and the outcome
 * are coded as one number, so a case costs a few map lookups, not a string
 * key built per case and table.
 */
export class CaseCountTally {
  readonly groups: CountGroups = Object.fromEntries(COUNT_TABLES.map((t) => [t, new Map()])) as CountGroups;
  /** A value outside its enum (never after validation): the tally cannot be trusted, and says so by its total. */
  private spoiled = false;

  /** One case, as its snapshot row parameters (ReplicaStore's column order). */
  add(params: readonly unknown[]): void {
    const outcome = OUTCOME_CODES.get(
      settledOutcome(params[statusAt] as string, params[dueAt] as string | null, params[answeredAt] as string | null),
    )!;
    for (const plan of PLANS) {
      let code = outcome;
      for (const digit of plan.digits) {
        const value = digit.codes.get(params[digit.at] as string);
        if (value === undefined) this.spoiled = true;
        else code += value * digit.weight;
      }
      const groups = this.groups[plan.table];
      const text = textKey(plan.texts, params);
      let codes = groups.get(text);
      if (!codes) groups.set(text, (codes = new Map()));
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
  }

  /** Cases tallied; -1 when the tally cannot be trusted. */
  get total(): number {
    if (this.spoiled) return -1;
    let total = 0;
    for (const codes of this.groups[COUNT_TABLES[0]!].values()) for (const n of codes.values()) total += n;
    return total;
  }

  /**
   * The rows of a counter table (its facets, then n) and of its outcome twin
   * (its facets, outcome, then n), as the tables' columns are declared.
   */
  rows(table: CountTable): { counts: unknown[][]; outcomes: unknown[][] } {
    const plan = plans[table];
    const counts = new Map<string, unknown[]>();
    const outcomes: unknown[][] = [];
    for (const [text, codes] of this.groups[table]) {
      const texts = textsOf(text, plan.texts.length);
      for (const [code, n] of codes) {
        let rest = Math.floor(code / OUTCOMES.length);
        const facets = plan.facets.map((facet) => {
          if ('text' in facet) return texts[facet.text];
          const value = facet.values[rest % facet.values.length];
          rest = Math.floor(rest / facet.values.length);
          return value;
        });
        const outcome = OUTCOMES[code % OUTCOMES.length];
        const key = `${text}\u0000${code - (code % OUTCOMES.length)}`;
        const count = counts.get(key);
        if (count) (count[count.length - 1] as number) += n;
        else counts.set(key, [...facets, n]);
        if (outcome) outcomes.push([...facets, outcome, n]);
      }
    }
    return { counts: [...counts.values()], outcomes };
  }
}

/** A table's free-text facets as one map key: one text as itself, two as `length:first` then the second. */
function textKey(texts: readonly number[], params: readonly unknown[]): string {
  if (texts.length === 0) return '';
  let key = '';
  for (let i = 0; i < texts.length - 1; i++) {
    const text = (params[texts[i]!] as string | null) ?? '';
    key += `${text.length}:${text}`;
  }
  return key + ((params[texts[texts.length - 1]!] as string | null) ?? '');
}

function textsOf(key: string, count: number): string[] {
  if (count <= 1) return count ? [key] : [];
  const texts: string[] = [];
  let at = 0;
  for (let i = 0; i < count - 1; i++) {
    const colon = key.indexOf(':', at);
    const length = Number(key.slice(at, colon));
    texts.push(key.slice(colon + 1, colon + 1 + length));
    at = colon + 1 + length;
  }
  texts.push(key.slice(at));
  return texts;
}

/** The SQL that fills a counter table and its outcome twin from CaseCountTally.rows. */
export const fillCountsSql = (table: CountTable) => {
  const columns = QUEUE_COUNT_TABLES[table];
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  return {
    clear: `DELETE FROM ${table}; DELETE FROM ${OUTCOME_COUNT_TABLES[table]};`,
    count: `INSERT INTO ${table} (${columns.join(', ')}, n) VALUES (${marks(columns.length + 1)})`,
    outcome: `INSERT INTO ${OUTCOME_COUNT_TABLES[table]} (${columns.join(', ')}, outcome, n) VALUES (${marks(columns.length + 2)})`,
  };
};
