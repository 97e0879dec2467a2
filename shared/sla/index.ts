// The SLA core: pure functions over epoch ms and plain data, for the hub, the desk and the page alike.

export {
  AMMAN_TIME_ZONE,
  type AmmanWallTime,
  ammanEpochDay,
  ammanOffsetMinutes,
  ammanWallTime,
  ammanWallToUtc,
} from './ammanClock';
export { type CivilDate, dateKey, fromEpochDay, parseDateKey, toEpochDay, weekdayOfEpochDay } from './civilDate';
export { HIJRI_CALENDAR, type HijriDate, gregorianToHijri, hijriHolidayDates, hijriToGregorian } from './hijriDate';
export {
  CalendarEntry,
  Closure,
  ClosurePeriod,
  DEFAULT_JORDAN_CALENDAR,
  type DaySchedule,
  GregorianHoliday,
  HijriHoliday,
  HijriHolidayOverride,
  LocalizedName,
  RamadanHours,
  RamadanHoursOverride,
  TimeOfDay,
  TimeRange,
  WorkingCalendar,
  type WorkingCalendarInput,
  WorkingHours,
  type WorkingSpan,
  addWorkingMinutes,
  isWorkingTime,
  nextWorkingMoment,
  workingDaySchedule,
  workingMinutesBetween,
} from './workingCalendar';
export {
  DEFAULT_SLA_MATRIX,
  type ResolvedSlaTargets,
  SlaMatrix,
  SlaRule,
  SlaTargets,
  WORKING_DAY_MINUTES,
  slaRuleSpecificity,
  slaTargetsFor,
} from './slaMatrix';
export {
  CaseTimer,
  type CaseTimerInput,
  type CaseTimers,
  DEFAULT_AT_RISK_THRESHOLD,
  type PauseInterval,
  StatusChange,
  TIMER_KINDS,
  TIMER_STATES,
  TimerKind,
  TimerState,
  caseTimerList,
  computeCaseTimers,
  deadlineWithPauses,
  pauseIntervals,
} from './caseTimers';
export {
  DEFAULT_LADDER_WINDOWS,
  LadderWindows,
  MAX_LADDER_OVERRIDES,
  MAX_LADDER_WINDOW_MINUTES,
  RungWindows,
  ladderWindowsFor,
} from './ladderWindows';
export {
  type Referral,
  escalationLevelAt,
  escalationRank,
  nextReferral,
  nextReferralAtMs,
  referralSchedule,
} from './escalationLadder';
export { type DeadlineTimer, type DeadlineTimerInput, deadlineTimer, pausedInTime } from './deadlineTimer';
export {
  type ClockRules,
  type TimedCase,
  type TrackedDeadlines,
  atRiskShareOf,
  resolvedAtMs,
  timedCaseOfRecord,
  timersOfCase,
  trackedDeadlines,
} from './caseClocks';
export { DEFAULT_CHASE_ANSWER_MINUTES, chaseAnswerDueAt, isChaseOverdue } from './chaseAnswerWindow';
export {
  RULE_KINDS,
  type RuleDocuments,
  type RuleKind,
  type RuleMerge,
  type RulePart,
  type RulePartChange,
  type RuleSetting,
  mergeRuleDocuments,
  ruleChangesText,
  ruleDocumentChanges,
  ruleKindName,
  rulePartText,
  sameRuleValue,
} from './ruleDocuments';
