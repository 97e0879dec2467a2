import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { Language } from '../../../../shared/contract/deskContract';
import { t } from '../../../../shared/i18n/catalogue';
import { durationOfMinutes, minutesOfDuration, type DurationUnit } from './workingDuration';

/** A duration as typed: the number stays text while it is edited; a day is `dayMinutes` long. */
export interface DurationDraft {
  value: string;
  unit: DurationUnit;
  dayMinutes: number;
}

export const draftOfMinutes = (minutes: number, dayMinutes: number): DurationDraft => {
  const { value, unit } = durationOfMinutes(minutes, dayMinutes);
  return { value: String(value), unit, dayMinutes };
};

/** Whole working minutes, or null for an empty or impossible value. */
export const minutesOfDraft = ({ value, unit, dayMinutes }: DurationDraft): number | null =>
  value.trim() === '' ? null : minutesOfDuration({ value: Number(value), unit }, dayMinutes);

/** A working duration in working hours or days, each part labelled. */
export function DurationField({
  label,
  draft,
  onChange,
  language,
  invalid = false,
  testId,
}: {
  label: string;
  draft: DurationDraft;
  onChange: (draft: DurationDraft) => void;
  language: Language;
  invalid?: boolean;
  testId?: string;
}) {
  return (
    <Box sx={{ display: 'flex', gap: 1 }} data-testid={testId}>
      <TextField
        required
        type="number"
        label={label}
        value={draft.value}
        onChange={(e) => onChange({ ...draft, value: e.target.value })}
        error={invalid}
        helperText={invalid ? t(language, 'sla.field.invalid') : undefined}
        slotProps={{ htmlInput: { min: 0, step: 'any' } }}
        sx={{ flex: 1 }}
      />
      <TextField
        select
        label={t(language, 'sla.duration.unit', { what: label })}
        value={draft.unit}
        onChange={(e) => onChange({ ...draft, unit: e.target.value as DurationUnit })}
        sx={{ minWidth: 160 }}
      >
        <MenuItem value="hours">{t(language, 'sla.duration.hours')}</MenuItem>
        <MenuItem value="days">{t(language, 'sla.duration.days')}</MenuItem>
      </TextField>
    </Box>
  );
}
