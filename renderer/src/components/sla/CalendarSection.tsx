import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Language } from '../../../../shared/contract/deskContract';
import { t } from '../../../../shared/i18n/catalogue';
import { ammanWallTime, type CalendarEntry, type HijriHoliday, type WorkingCalendar } from '../../../../shared/sla';
import { workingDayMinutes } from '../../../../shared/sla/workingSpan';
import { workingDayText } from '../../../../shared/sla/workingSpanText';
import { useHubClock } from '../../store/useHubClock';
import { entryChanges, withoutEntry, withoutHijriOverride, type EntryChange } from './calendarEdits';
import { civilDateText, entryWhen, weekdayText } from './calendarEntryText';
import { ClosureDialog } from './ClosureDialog';
import { HijriOverrideDialog } from './HijriOverrideDialog';
import { RuleChangeDialog } from './RuleChangeDialog';
import { sectionTitleSx, type SlaSectionProps } from './slaLayout';

type Open =
  | { kind: 'closure' }
  | { kind: 'override'; holiday: HijriHoliday }
  | { kind: 'remove'; entry: CalendarEntry }
  | { kind: 'removeOverride'; holiday: HijriHoliday; startDate: string };

function WeekSummary({ calendar, language }: { calendar: WorkingCalendar; language: Language }) {
  const hours = calendar.workingHours;
  return (
    <Box
      component="dl"
      data-testid="sla-week"
      sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
    >
      <Box component="dt" sx={{ color: 'text.secondary' }}>
        {t(language, 'sla.calendar.weekend')}
      </Box>
      <Box component="dd" sx={{ m: 0 }}>
        {calendar.weekendDays.map((d) => weekdayText(d, language)).join(language === 'ar' ? '، ' : ', ')}
      </Box>
      <Box component="dt" sx={{ color: 'text.secondary' }}>
        {t(language, 'sla.calendar.hours')}
      </Box>
      <Box component="dd" sx={{ m: 0 }}>
        <bdi>
          {hours.start}–{hours.end}
        </bdi>
        {hours.breaks.map((b) => ` · ${t(language, 'sla.calendar.breaks', { start: b.start, end: b.end })}`)}
      </Box>
      <Box component="dt" sx={{ color: 'text.secondary' }}>
        {t(language, 'sla.calendar.dayLength')}
      </Box>
      <Box component="dd" sx={{ m: 0 }} data-testid="sla-day-length">
        {t(language, 'sla.calendar.dayLengthValue', {
          span: workingDayText(workingDayMinutes(calendar), language),
        })}
      </Box>
    </Box>
  );
}

function ChangeMark({ change, language }: { change: EntryChange | undefined; language: Language }) {
  if (!change) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color="warning"
      data-testid="sla-entry-pending"
      label={t(language, `sla.entry.${change}`)}
      sx={{ mx: 0.5 }}
    />
  );
}

/** The working calendar: the week, then every holiday, Ramadan hours and closure with its dates and source. */
export function CalendarSection({ view, canEdit, language }: SlaSectionProps) {
  const [open, setOpen] = useState<Open | null>(null);
  const year = ammanWallTime(useHubClock()).year;
  const calendar = view.draft.calendar;
  const { changes, removed } = entryChanges(view.held.calendar, calendar);
  const rows = [...calendar.entries, ...removed];
  const close = () => setOpen(null);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box component="section" aria-labelledby="sla-week-title">
        <Typography id="sla-week-title" component="h3" variant="subtitle1" sx={sectionTitleSx}>
          {t(language, 'sla.calendar.week')}
        </Typography>
        <WeekSummary calendar={calendar} language={language} />
      </Box>
      <Box component="section" aria-labelledby="sla-entries-title">
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          <Typography id="sla-entries-title" component="h3" variant="subtitle1" sx={{ ...sectionTitleSx, flex: 1 }}>
            {t(language, 'sla.calendar.entries')}
          </Typography>
          {canEdit && (
            <Button variant="contained" size="small" onClick={() => setOpen({ kind: 'closure' })}>
              {t(language, 'sla.closure.add')}
            </Button>
          )}
        </Box>
        <Table size="small" aria-labelledby="sla-entries-title" data-testid="sla-entries">
          <TableHead>
            <TableRow>
              <TableCell>{t(language, 'sla.col.name')}</TableCell>
              <TableCell>{t(language, 'sla.col.kind')}</TableCell>
              <TableCell>{t(language, 'sla.col.when')}</TableCell>
              <TableCell>{t(language, 'sla.col.source')}</TableCell>
              {canEdit && <TableCell>{t(language, 'sla.col.actions')}</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((entry) => {
              const change = changes.get(entry.id);
              const name = entry.name[language];
              return (
                <TableRow
                  key={entry.id}
                  data-testid="sla-entry"
                  data-entry-id={entry.id}
                  data-kind={entry.kind}
                  data-change={change ?? 'none'}
                  sx={
                    change === 'removed' ? { '& td': { textDecoration: 'line-through', color: 'text.secondary' } } : {}
                  }
                >
                  <TableCell>
                    {name}
                    <ChangeMark change={change} language={language} />
                  </TableCell>
                  <TableCell>{t(language, `sla.kind.${entry.kind}`)}</TableCell>
                  <TableCell data-testid="sla-entry-when">
                    {entryWhen(entry, language, year).map((line) => (
                      <Box key={line}>{line}</Box>
                    ))}
                  </TableCell>
                  <TableCell data-testid="sla-entry-source" sx={{ maxWidth: 280, overflowWrap: 'anywhere' }}>
                    {entry.source}
                  </TableCell>
                  {canEdit && (
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {change !== 'removed' && <EntryActions entry={entry} language={language} onOpen={setOpen} />}
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      {open?.kind === 'closure' && <ClosureDialog calendar={calendar} onClose={close} />}
      {open?.kind === 'override' && <HijriOverrideDialog calendar={calendar} holiday={open.holiday} onClose={close} />}
      {open?.kind === 'remove' && (
        <RuleChangeDialog
          title={t(language, 'sla.entry.removeTitle', { name: open.entry.name[language] })}
          onClose={close}
          change={() => ({ command: 'updateWorkingCalendar', calendar: withoutEntry(calendar, open.entry.id) })}
          testId="sla-remove-dialog"
        />
      )}
      {open?.kind === 'removeOverride' && (
        <RuleChangeDialog
          title={t(language, 'sla.override.removeTitle', {
            name: open.holiday.name[language],
            date: civilDateText(open.startDate, language),
          })}
          onClose={close}
          change={() => ({
            command: 'updateWorkingCalendar',
            calendar: withoutHijriOverride(calendar, open.holiday.id, open.startDate),
          })}
          testId="sla-remove-dialog"
        />
      )}
    </Box>
  );
}

function EntryActions({
  entry,
  language,
  onOpen,
}: {
  entry: CalendarEntry;
  language: Language;
  onOpen: (open: Open) => void;
}) {
  const name = entry.name[language];
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {entry.kind === 'hijriHoliday' && (
        <>
          <Button
            size="small"
            aria-label={t(language, 'sla.override.addLabel', { name })}
            onClick={() => onOpen({ kind: 'override', holiday: entry })}
          >
            {t(language, 'sla.override.add')}
          </Button>
          {entry.overrides.map((o) => (
            <Button
              key={o.startDate}
              size="small"
              color="inherit"
              onClick={() => onOpen({ kind: 'removeOverride', holiday: entry, startDate: o.startDate })}
            >
              {t(language, 'sla.override.remove', { date: civilDateText(o.startDate, language) })}
            </Button>
          ))}
        </>
      )}
      <Button
        size="small"
        color="secondary"
        aria-label={t(language, 'sla.entry.removeLabel', { name })}
        data-testid="sla-entry-remove"
        onClick={() => onOpen({ kind: 'remove', entry })}
      >
        {t(language, 'sla.entry.remove')}
      </Button>
    </Box>
  );
}
