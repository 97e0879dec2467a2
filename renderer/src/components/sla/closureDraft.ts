import { Closure, ammanWallToUtc, parseDateKey, type ClosurePeriod } from '../../../../shared/sla';

/** How much of the day a closure takes: whole days, a late start, an early close, or a stretch within the day. */
export const CLOSURE_SHAPES = ['wholeDays', 'lateStart', 'earlyClose', 'span'] as const;
export type ClosureShape = (typeof CLOSURE_SHAPES)[number];

/** The closure form as typed: dates and times are Amman wall time, as the announcement gives them. */
export interface ClosureDraft {
  /** 'YYYY-MM-DD', Amman. */
  date: string;
  shape: ClosureShape;
  /** Whole days: how many, from `date`. */
  spanDays: number;
  /** 'HH:MM': when work starts (late start) or the stretch begins. */
  from: string;
  /** 'HH:MM': when offices close (early close) or the stretch ends. */
  to: string;
  nameAr: string;
  nameEn: string;
  source: string;
}

/** The form field a problem belongs to, so the form can mark it. */
export type ClosureField = 'date' | 'spanDays' | 'from' | 'to' | 'nameAr' | 'nameEn' | 'source';
export type ClosureResult = { ok: true; closure: Closure } | { ok: false; field: ClosureField };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function period(draft: ClosureDraft): ClosurePeriod | ClosureField {
  switch (draft.shape) {
    case 'wholeDays':
      return { type: 'wholeDays', date: draft.date, spanDays: draft.spanDays };
    case 'lateStart':
      return TIME.test(draft.from) ? { type: 'lateStart', date: draft.date, startsAt: draft.from } : 'from';
    case 'earlyClose':
      return TIME.test(draft.to) ? { type: 'earlyClose', date: draft.date, endsAt: draft.to } : 'to';
    case 'span': {
      if (!TIME.test(draft.from)) return 'from';
      if (!TIME.test(draft.to)) return 'to';
      if (draft.to <= draft.from) return 'to';
      // The calendar keeps an exact stretch as UTC instants; the announcement gives Amman wall time.
      const { year, month, day } = parseDateKey(draft.date);
      const at = (hhmm: string) => ammanWallToUtc(year, month, day, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)));
      return { type: 'interval', fromMs: at(draft.from), toMs: at(draft.to) };
    }
  }
}

function validDate(date: string): boolean {
  try {
    parseDateKey(date);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar entry a closure form describes, checked with the shared
 * schema; or the first field to put right. `id` must be new to the calendar.
 */
export function closureOfDraft(draft: ClosureDraft, id: string): ClosureResult {
  if (!validDate(draft.date)) return { ok: false, field: 'date' };
  const shaped = period(draft);
  if (typeof shaped === 'string') return { ok: false, field: shaped };
  const candidate = {
    kind: 'closure',
    id,
    source: draft.source.trim(),
    name: { ar: draft.nameAr.trim(), en: draft.nameEn.trim() },
    period: shaped,
  };
  const parsed = Closure.safeParse(candidate);
  if (parsed.success) return { ok: true, closure: parsed.data };
  return { ok: false, field: fieldOf(parsed.error.issues[0]?.path ?? []) };
}

function fieldOf(path: readonly PropertyKey[]): ClosureField {
  if (path[0] === 'source') return 'source';
  if (path[0] === 'name') return path[1] === 'en' ? 'nameEn' : 'nameAr';
  return path.includes('spanDays') ? 'spanDays' : 'date';
}

/** A readable id new to the calendar: 'closure-2026-01-15', then '…-2', '…-3' for more that day. */
export function newClosureId(date: string, takenIds: Iterable<string>): string {
  const taken = new Set(takenIds);
  const base = `closure-${date}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
