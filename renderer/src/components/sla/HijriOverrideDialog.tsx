import { useState } from 'react';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { HijriHolidayOverride, type HijriHoliday, type WorkingCalendar } from '../../../../shared/sla';
import { t } from '../../../../shared/i18n/catalogue';
import { useDeskStore } from '../../store/deskStore';
import { withHijriOverride } from './calendarEdits';
import { RuleChangeDialog } from './RuleChangeDialog';

/** The official circular's dates of a Hijri holiday for one year, in place of the Umm al-Qura forecast. */
export function HijriOverrideDialog({
  calendar,
  holiday,
  onClose,
}: {
  calendar: WorkingCalendar;
  holiday: HijriHoliday;
  onClose: () => void;
}) {
  const language = useDeskStore((s) => s.language);
  const name = holiday.name[language];
  const [startDate, setStartDate] = useState('');
  const [spanDays, setSpanDays] = useState(holiday.spanDays);
  const [source, setSource] = useState('');
  const [invalid, setInvalid] = useState(false);

  const change = () => {
    const override = HijriHolidayOverride.safeParse({ startDate, spanDays, source: source.trim() });
    if (!override.success) {
      setInvalid(true);
      return null;
    }
    return {
      command: 'updateWorkingCalendar' as const,
      calendar: withHijriOverride(calendar, holiday.id, override.data),
    };
  };
  const invalidText = invalid ? t(language, 'sla.field.invalid') : undefined;

  return (
    <RuleChangeDialog
      title={t(language, 'sla.override.title', { name })}
      onClose={onClose}
      change={change}
      ready={Boolean(startDate && source.trim())}
      testId="sla-override-dialog"
    >
      <Typography variant="body2">{t(language, 'sla.override.hint')}</Typography>
      <TextField
        required
        type="date"
        label={t(language, 'sla.override.startDate')}
        value={startDate}
        onChange={(e) => {
          setStartDate(e.target.value);
          setInvalid(false);
        }}
        slotProps={{ inputLabel: { shrink: true } }}
        error={invalid}
        helperText={invalidText}
      />
      <TextField
        type="number"
        label={t(language, 'sla.closure.spanDays')}
        value={spanDays}
        onChange={(e) => {
          setSpanDays(Number(e.target.value));
          setInvalid(false);
        }}
        slotProps={{ htmlInput: { min: 1, max: 31 } }}
        error={invalid}
      />
      <TextField
        required
        label={t(language, 'sla.source')}
        value={source}
        onChange={(e) => setSource(e.target.value)}
        slotProps={{ htmlInput: { maxLength: 500 } }}
      />
    </RuleChangeDialog>
  );
}
