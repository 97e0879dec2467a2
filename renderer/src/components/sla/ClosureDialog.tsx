import { useState } from 'react';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { WorkingCalendar } from '../../../../shared/sla';
import { t } from '../../../../shared/i18n/catalogue';
import { useDeskStore } from '../../store/deskStore';
import { withEntry } from './calendarEdits';
import { CLOSURE_SHAPES, closureOfDraft, newClosureId, type ClosureDraft, type ClosureField } from './closureDraft';
import { RuleChangeDialog } from './RuleChangeDialog';

const EMPTY: ClosureDraft = {
  date: '',
  shape: 'wholeDays',
  spanDays: 1,
  from: '',
  to: '',
  nameAr: '',
  nameEn: '',
  source: '',
};

/** A one-off closure: a weather day, a late start, an early finish or a stretch of the day, in Amman time. */
export function ClosureDialog({ calendar, onClose }: { calendar: WorkingCalendar; onClose: () => void }) {
  const language = useDeskStore((s) => s.language);
  const [draft, setDraft] = useState<ClosureDraft>(EMPTY);
  const [invalid, setInvalid] = useState<ClosureField | null>(null);
  const edit = (change: Partial<ClosureDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setInvalid(null);
  };
  const field = (name: ClosureField) => ({
    error: invalid === name,
    helperText: invalid === name ? t(language, 'sla.field.invalid') : undefined,
  });
  const time = { inputLabel: { shrink: true }, htmlInput: { step: 300 } };

  const change = () => {
    const result = closureOfDraft(
      draft,
      newClosureId(
        draft.date,
        calendar.entries.map((e) => e.id),
      ),
    );
    if (!result.ok) {
      setInvalid(result.field);
      return null;
    }
    return { command: 'updateWorkingCalendar' as const, calendar: withEntry(calendar, result.closure) };
  };
  const ready = Boolean(draft.date && draft.nameAr.trim() && draft.nameEn.trim() && draft.source.trim());

  return (
    <RuleChangeDialog
      title={t(language, 'sla.closure.title')}
      onClose={onClose}
      change={change}
      ready={ready}
      testId="sla-closure-dialog"
    >
      <TextField
        required
        type="date"
        label={t(language, 'sla.closure.date')}
        value={draft.date}
        onChange={(e) => edit({ date: e.target.value })}
        slotProps={{ inputLabel: { shrink: true } }}
        {...field('date')}
      />
      <TextField
        select
        label={t(language, 'sla.closure.shape')}
        value={draft.shape}
        onChange={(e) => edit({ shape: e.target.value as ClosureDraft['shape'] })}
      >
        {CLOSURE_SHAPES.map((shape) => (
          <MenuItem key={shape} value={shape}>
            {t(language, `sla.closure.shape.${shape}`)}
          </MenuItem>
        ))}
      </TextField>
      {draft.shape === 'wholeDays' && (
        <TextField
          type="number"
          label={t(language, 'sla.closure.spanDays')}
          value={draft.spanDays}
          onChange={(e) => edit({ spanDays: Number(e.target.value) })}
          slotProps={{ htmlInput: { min: 1, max: 31 } }}
          {...field('spanDays')}
        />
      )}
      {(draft.shape === 'lateStart' || draft.shape === 'span') && (
        <TextField
          required
          type="time"
          label={t(language, draft.shape === 'lateStart' ? 'sla.closure.startsAt' : 'sla.closure.from')}
          value={draft.from}
          onChange={(e) => edit({ from: e.target.value })}
          slotProps={time}
          {...field('from')}
        />
      )}
      {(draft.shape === 'earlyClose' || draft.shape === 'span') && (
        <TextField
          required
          type="time"
          label={t(language, draft.shape === 'earlyClose' ? 'sla.closure.endsAt' : 'sla.closure.to')}
          value={draft.to}
          onChange={(e) => edit({ to: e.target.value })}
          slotProps={time}
          {...field('to')}
        />
      )}
      <TextField
        required
        label={t(language, 'sla.closure.nameAr')}
        value={draft.nameAr}
        onChange={(e) => edit({ nameAr: e.target.value })}
        slotProps={{ htmlInput: { maxLength: 200, lang: 'ar', dir: 'rtl' } }}
        {...field('nameAr')}
      />
      <TextField
        required
        label={t(language, 'sla.closure.nameEn')}
        value={draft.nameEn}
        onChange={(e) => edit({ nameEn: e.target.value })}
        slotProps={{ htmlInput: { maxLength: 200, lang: 'en', dir: 'ltr' } }}
        {...field('nameEn')}
      />
      <TextField
        required
        label={t(language, 'sla.source')}
        value={draft.source}
        onChange={(e) => edit({ source: e.target.value })}
        slotProps={{ htmlInput: { maxLength: 500 } }}
        {...field('source')}
      />
    </RuleChangeDialog>
  );
}
