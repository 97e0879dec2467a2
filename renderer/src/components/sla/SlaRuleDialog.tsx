import { useState } from 'react';
import Alert from '@mui/material/Alert';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { Language } from '../../../../shared/contract/deskContract';
import { APPLICATION_TYPES, IMPORTANCE_LEVELS, PILLARS } from '../../../../shared/domain/taxonomy';
import { label, t } from '../../../../shared/i18n/catalogue';
import { TIMER_KINDS, type SlaMatrix, type SlaRule, type SlaTargets } from '../../../../shared/sla';
import { useDeskStore } from '../../store/deskStore';
import { DurationField, draftOfMinutes, minutesOfDraft, type DurationDraft } from './DurationField';
import { matchTaken, newRuleId, ruleName, withRule } from './matrixEdits';
import { RuleChangeDialog } from './RuleChangeDialog';
import { useWorkingDayMinutes } from './useWorkingDay';

type Match = Pick<SlaRule, 'type' | 'importance' | 'pillar'>;
const TARGET_KEYS = {
  firstResponse: 'firstResponseMinutes',
  update: 'updateMinutes',
  resolution: 'resolutionMinutes',
} as const satisfies Record<(typeof TIMER_KINDS)[number], keyof SlaTargets>;
const ANY = '';

function MatchSelect<V extends string>({
  name,
  values,
  vocabulary,
  value,
  onChange,
  language,
}: {
  name: string;
  values: readonly V[];
  vocabulary: 'type' | 'importance' | 'pillar';
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  language: Language;
}) {
  return (
    <TextField select label={name} value={value ?? ANY} onChange={(e) => onChange((e.target.value || undefined) as V)}>
      <MenuItem value={ANY}>{t(language, 'sla.matrix.any')}</MenuItem>
      {values.map((v) => (
        <MenuItem key={v} value={v}>
          {label(language, vocabulary, v)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** One rule's three targets, in working hours or days; a new rule also chooses what it matches. */
export function SlaRuleDialog({
  matrix,
  rule,
  onClose,
}: {
  matrix: SlaMatrix;
  /** The rule to edit; absent for a new one. */
  rule?: SlaRule;
  onClose: () => void;
}) {
  const language = useDeskStore((s) => s.language);
  const [match, setMatch] = useState<Match>(
    rule ? { type: rule.type, importance: rule.importance, pillar: rule.pillar } : {},
  );
  const dayMinutes = useWorkingDayMinutes();
  // A new rule starts at a working day, two, and ten, of the calendar in force.
  const [drafts, setDrafts] = useState<Record<keyof SlaTargets, DurationDraft>>(() => ({
    firstResponseMinutes: draftOfMinutes(rule?.targets.firstResponseMinutes ?? dayMinutes, dayMinutes),
    updateMinutes: draftOfMinutes(rule?.targets.updateMinutes ?? 2 * dayMinutes, dayMinutes),
    resolutionMinutes: draftOfMinutes(rule?.targets.resolutionMinutes ?? 10 * dayMinutes, dayMinutes),
  }));
  const [invalid, setInvalid] = useState<keyof SlaTargets | null>(null);
  const taken = !rule && matchTaken(matrix, match);

  const change = () => {
    const targets = {} as SlaTargets;
    for (const key of Object.values(TARGET_KEYS)) {
      const minutes = minutesOfDraft(drafts[key]);
      if (minutes === null || minutes < 1) {
        setInvalid(key);
        return null;
      }
      targets[key] = minutes;
    }
    const next: SlaRule = rule
      ? { ...rule, targets }
      : { id: newRuleId(matrix, match), ...definedOnly(match), targets };
    return { command: 'updateSlaMatrix' as const, matrix: withRule(matrix, next) };
  };

  return (
    <RuleChangeDialog
      title={
        rule
          ? t(language, 'sla.matrix.editTitle', { rule: ruleName(rule, language) })
          : t(language, 'sla.matrix.addTitle')
      }
      onClose={onClose}
      change={change}
      ready={!taken}
      testId="sla-rule-dialog"
    >
      {!rule && (
        <>
          <MatchSelect
            name={t(language, 'sla.matrix.col.type')}
            values={APPLICATION_TYPES}
            vocabulary="type"
            value={match.type}
            onChange={(type) => setMatch({ ...match, type })}
            language={language}
          />
          <MatchSelect
            name={t(language, 'sla.matrix.col.importance')}
            values={IMPORTANCE_LEVELS}
            vocabulary="importance"
            value={match.importance}
            onChange={(importance) => setMatch({ ...match, importance })}
            language={language}
          />
          <MatchSelect
            name={t(language, 'sla.matrix.col.pillar')}
            values={PILLARS}
            vocabulary="pillar"
            value={match.pillar}
            onChange={(pillar) => setMatch({ ...match, pillar })}
            language={language}
          />
          {taken && (
            <Alert severity="warning" role="alert">
              {t(language, 'sla.matrix.duplicate')}
            </Alert>
          )}
        </>
      )}
      {TIMER_KINDS.map((kind) => {
        const key = TARGET_KEYS[kind];
        return (
          <DurationField
            key={kind}
            label={label(language, 'timer', kind)}
            draft={drafts[key]}
            onChange={(draft) => {
              setDrafts({ ...drafts, [key]: draft });
              setInvalid(null);
            }}
            language={language}
            invalid={invalid === key}
            testId={`sla-target-${kind}`}
          />
        );
      })}
    </RuleChangeDialog>
  );
}

/** Leaves out the wildcards, so the rule carries only what it matches. */
function definedOnly(match: Match): Match {
  return Object.fromEntries(Object.entries(match).filter(([, v]) => v !== undefined)) as Match;
}
