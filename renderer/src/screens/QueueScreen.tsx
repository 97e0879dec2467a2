import { useEffect, useState, type KeyboardEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputBase from '@mui/material/InputBase';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { Language, QueueRow } from '../../../shared/contract/deskContract';
import { label, t } from '../../../shared/i18n/catalogue';
import { formatAmman } from '../../../shared/time/ammanTime';
import { PAGE_SIZE } from '../store/pageWindow';
import { useDeskStore } from '../store/deskStore';
import { QueueFilterBar } from '../components/QueueFilterBar';
import { ViewsRail } from '../components/ViewsRail';
import { PresenceBadge } from '../components/presence/PresenceBadge';
import { BulkChaseControl } from '../components/BulkChaseDialog';
import { ReassignDialog } from '../components/ReassignDialog';
import Checkbox from '@mui/material/Checkbox';
import { useSelectionStore } from '../store/selectionStore';
import { ChaseControl, ClaimControl, ReassignControl, useMayReassign } from '../components/CaseActionControls';
import { OutboxProblems } from '../components/OutboxProblems';
import { useScaledScroll } from '../components/useScaledScroll';
import { CaseNumberLink } from '../components/case/OpenCaseButton';
import { useCaseViewStore } from '../store/caseViewStore';
import { queueTotalText } from '../components/queueTotalText';
import { DEADLINE_COLOUR, deadlineWords } from '../components/deadlineWords';
import { reassignOffered } from '../components/caseOffers';
import { useHeldRules, useWorkingDayMinutes } from '../components/sla/useWorkingDay';

const ROW_HEIGHT = 52;
const COLUMNS = '125px 90px minmax(110px, 2fr) minmax(100px, 1fr) 100px 220px 140px';

function QueueRowView({
  row,
  language,
  dayMinutes,
  active,
}: {
  row: QueueRow;
  language: Language;
  /** The calendar's working day: time left or over is said in working days of it. */
  dayMinutes: number;
  active: boolean;
}) {
  // The core counts in working time with the hub's calendar; the words say it in the calendar's working days.
  const words = deadlineWords(row, dayMinutes, language);
  const slaText = words?.text ?? '';
  const slaColor = DEADLINE_COLOUR[words?.tone ?? 'running'];
  const focalPoint = language === 'ar' ? row.focalPointNameAr : row.focalPointNameEn;
  return (
    <>
      <Box
        role="gridcell"
        sx={{ fontFamily: 'monospace', fontSize: 13, direction: 'ltr', textAlign: 'start', whiteSpace: 'nowrap' }}
      >
        <CaseNumberLink caseId={row.id} number={row.number} language={language} />
      </Box>
      <Box role="gridcell">{label(language, 'type', row.type)}</Box>
      <Box
        role="gridcell"
        sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
        title={row.title}
      >
        {language === 'ar' ? row.entityNameAr : row.entityNameEn}
      </Box>
      <Box role="gridcell" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {focalPoint ? <BulkChaseControl row={row} language={language} /> : t(language, 'queue.unassigned')}
      </Box>
      <Box role="gridcell">
        {label(language, 'status', row.status)}
        {row.pendingCommands.length > 0 && (
          <Box component="span" data-testid="pending-mark" sx={{ mx: 0.5, color: 'warning.dark', fontStyle: 'italic' }}>
            · {t(language, 'queue.pendingMark')}
          </Box>
        )}
      </Box>
      <Box
        role="gridcell"
        data-sla-state={row.sla?.state}
        title={row.dueAt ? `${formatAmman(row.dueAt, language)} · ${slaText}` : undefined}
        sx={{
          color: slaColor,
          fontWeight: active || slaColor === 'error.main' ? 700 : 400,
          lineHeight: 1.3,
          minWidth: 0,
          '& > span': { display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
        }}
      >
        {/* Two lines, so a narrow column cuts neither the Amman time nor how late the case is. */}
        {row.dueAt ? (
          <>
            <span>{formatAmman(row.dueAt, language)}</span>
            <span data-testid="countdown" data-tone={words?.tone}>
              {slaText}
            </span>
          </>
        ) : (
          '—'
        )}
      </Box>
      <Box role="gridcell" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.5 }}>
        <PresenceBadge caseId={row.id} size={18} />
        <ClaimControl target={row} language={language} />
        <ChaseControl target={row} language={language} />
        <ReassignCell row={row} language={language} />
      </Box>
    </>
  );
}

/** Supervisors tick cases to reassign together; the reassign itself is the case view's control too. */
function ReassignCell({ row, language }: { row: QueueRow; language: Language }) {
  const mayReassign = useMayReassign();
  const picked = useSelectionStore((s) => s.selected.has(row.id));
  const toggle = useSelectionStore((s) => s.toggle);
  if (!mayReassign || !reassignOffered(row.status)) return null;
  return (
    <>
      <Checkbox
        size="small"
        checked={picked}
        onClick={(event) => event.stopPropagation()}
        onChange={() => toggle(row)}
        slotProps={{ input: { 'aria-label': t(language, 'reassign.select', { number: row.number }) } }}
        data-testid="select-case"
        sx={{ p: 0.25 }}
      />
      <ReassignControl target={row} language={language} />
    </>
  );
}

/** The cases a supervisor picked, reassigned together: one command each. */
function ReassignSelected({ language }: { language: Language }) {
  const selected = useSelectionStore((s) => s.selected);
  const clear = useSelectionStore((s) => s.clear);
  const [open, setOpen] = useState(false);
  if (selected.size === 0) return null;
  return (
    <>
      <Button size="small" variant="outlined" data-testid="reassign-selected" onClick={() => setOpen(true)}>
        {t(language, 'reassign.openMany', { count: selected.size })}
      </Button>
      <Button size="small" onClick={clear}>
        {t(language, 'reassign.clearSelection')}
      </Button>
      {open && (
        <ReassignDialog
          rows={[...selected.values()]}
          onClose={() => {
            setOpen(false);
            clear();
          }}
        />
      )}
    </>
  );
}

/** Every case, newest or most urgent first, in a virtualised list the keyboard can walk. */
export function QueueScreen() {
  const language = useDeskStore((s) => s.language);
  const total = useDeskStore((s) => s.total);
  const totalIsLowerBound = useDeskStore((s) => s.totalIsLowerBound);
  const pages = useDeskStore((s) => s.pages);
  const sort = useDeskStore((s) => s.sort);
  const setSort = useDeskStore((s) => s.setSort);
  const setSearch = useDeskStore((s) => s.setSearch);
  const showRows = useDeskStore((s) => s.showRows);
  const openCase = useCaseViewStore((s) => s.open);
  const dayMinutes = useWorkingDayMinutes();
  useHeldRules();
  const [active, setActive] = useState(0);
  const [query, setQuery] = useState('');

  // A million rows scroll in a capped scroll space that maps onto the row index (store/scrollMapping.ts).
  const list = useScaledScroll(total ?? 0, ROW_HEIGHT, 10);
  const items = list.rows;
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => showRows(first, last), [first, last, total, showRows]);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query, setSearch]);
  // A saved view sets the search from outside: the box shows it.
  const search = useDeskStore((s) => s.search);
  useEffect(() => setQuery((typed) => (typed.trim() === search ? typed : search)), [search]);

  const activeRendered = items.some((item) => item.index === active);
  const onKeyDown = (event: KeyboardEvent) => {
    // React bubbles keys out of portals: the row dialogs' text fields and the filter menus need their own arrows.
    if (!event.currentTarget.contains(event.target as Node)) return;
    // Enter on the grid opens the highlighted case (a focused button in the row keeps its own Enter).
    if (event.key === 'Enter' && event.target === event.currentTarget && activeRendered) {
      const row = pages.get(Math.floor(active / PAGE_SIZE))?.[active % PAGE_SIZE];
      if (row) {
        event.preventDefault();
        openCase(row.id);
      }
      return;
    }
    const count = total ?? 0;
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    const jump = event.key === 'Home' ? 0 : event.key === 'End' ? count - 1 : null;
    if (step === undefined && jump === null) return;
    event.preventDefault();
    // After a scroll with the mouse, the keys carry on from what is on screen, not from a row long gone.
    const from = activeRendered ? active : list.first;
    const next = Math.max(0, Math.min(count - 1, jump ?? from + step!));
    setActive(next);
    list.scrollToIndex(next);
  };

  const heading = ['number', 'type', 'entity', 'focalPoint', 'status', 'deadline', 'actions'] as const;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, minWidth: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, py: 1, flexWrap: 'wrap' }}>
        <Typography component="h1" variant="h6">
          {t(language, 'queue.title')}
        </Typography>
        <Typography data-testid="queue-total" aria-live="polite">
          {queueTotalText(language, total, totalIsLowerBound)}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={sort}
          aria-label={t(language, 'queue.sortLabel')}
          onChange={(_e, value: 'urgent' | 'newest' | null) => value && setSort(value)}
        >
          <ToggleButton value="urgent" data-testid="sort-urgent">
            {t(language, 'queue.sort.urgent')}
          </ToggleButton>
          <ToggleButton value="newest" data-testid="sort-newest">
            {t(language, 'queue.sort.newest')}
          </ToggleButton>
        </ToggleButtonGroup>
        <ReassignSelected language={language} />
        <InputBase
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t(language, 'queue.search')}
          inputProps={{ 'aria-label': t(language, 'queue.search'), 'data-testid': 'queue-search' }}
          sx={{
            flex: 1,
            minWidth: 240,
            px: 1,
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
            bgcolor: 'background.paper',
          }}
        />
      </Box>
      <ViewsRail />
      <QueueFilterBar />
      <OutboxProblems />
      <Box
        ref={list.scroller}
        onScroll={list.onScroll}
        data-testid="queue-list"
        role="grid"
        aria-rowcount={(total ?? 0) + 1}
        aria-label={t(language, 'queue.title')}
        // Only a row in the DOM may be named: a reference to one scrolled away points at nothing.
        aria-activedescendant={activeRendered ? `queue-row-${active}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        sx={{ flex: 1, overflow: 'auto', position: 'relative', outlineOffset: -2 }}
      >
        {/* The header lives inside the grid, sticky, so assistive technology reads it as the grid's. */}
        <Box
          ref={list.header}
          role="row"
          aria-rowindex={1}
          sx={{
            display: 'grid',
            gridTemplateColumns: COLUMNS,
            gap: 1,
            px: 2,
            py: 1,
            fontWeight: 700,
            bgcolor: '#e7ece9',
            position: 'sticky',
            top: 0,
            zIndex: 1,
          }}
        >
          {heading.map((column) => (
            <Box key={column} role="columnheader">
              {t(language, `queue.col.${column}`)}
            </Box>
          ))}
        </Box>
        {total === 0 && <Typography sx={{ p: 2 }}>{t(language, 'queue.empty')}</Typography>}
        <Box sx={{ height: list.spacerPx, position: 'relative' }}>
          {items.map((item) => {
            const row = pages.get(Math.floor(item.index / PAGE_SIZE))?.[item.index % PAGE_SIZE];
            return (
              <Box
                key={item.index}
                id={`queue-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={item.index === active}
                data-testid={row ? 'queue-row' : 'queue-row-loading'}
                data-case-number={row?.number}
                onClick={() => setActive(item.index)}
                sx={{
                  position: 'absolute',
                  top: 0,
                  insetInlineStart: 0,
                  width: '100%',
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.top}px)`,
                  display: 'grid',
                  gridTemplateColumns: COLUMNS,
                  gap: 1,
                  alignItems: 'center',
                  px: 2,
                  borderBottom: 1,
                  borderColor: 'divider',
                  bgcolor: item.index === active ? '#dcebe5' : 'background.paper',
                }}
              >
                {row ? (
                  <QueueRowView row={row} language={language} dayMinutes={dayMinutes} active={item.index === active} />
                ) : (
                  <Box role="gridcell" sx={{ color: 'text.secondary' }}>
                    {t(language, 'queue.loading')}
                  </Box>
                )}
              </Box>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}
