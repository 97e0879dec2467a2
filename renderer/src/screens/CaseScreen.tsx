import { useEffect, useRef, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { CaseDetail } from '../../../shared/contract/caseDetailContract';
import type { Language } from '../../../shared/contract/deskContract';
import { label, t } from '../../../shared/i18n/catalogue';
import { formatAmman } from '../../../shared/time/ammanTime';
import { getDeskBridge } from '../bridge/deskBridge';
import { useCaseViewStore } from '../store/caseViewStore';
import { useDeskStore } from '../store/deskStore';
import { useHubClock } from '../store/useHubClock';
import { PresenceBadge } from '../components/presence/PresenceBadge';
import { CaseLadder } from '../components/case/CaseLadder';
import { CaseTimers } from '../components/case/CaseTimers';
import {
  CaseChases,
  CaseNotes,
  CaseTimeline,
  HistoryNotice,
  PendingCommands,
} from '../components/case/CaseHistorySections';
import { actorText, type EntityNames } from '../components/case/caseEventText';
import {
  actionTargetOfDetail,
  ChaseControl,
  ClaimControl,
  ReassignControl,
  useAnyPanelAction,
} from '../components/CaseActionControls';
import { DEADLINE_COLOUR, deadlineWords } from '../components/deadlineWords';
import { useWorkingDayMinutes } from '../components/sla/useWorkingDay';
import { OutboxProblems } from '../components/OutboxProblems';

/** Any case in the cache may have changed: read this one again soon (the hub is asked for its history each time). */
const AFTER_CACHE_CHANGE_MS = 2_000;
/** This desk's outbox moved: a note or claim on this case may just have reached the hub. */
const AFTER_OUTBOX_CHANGE_MS = 250;

/** Entity names, read once: the timeline names where a case was reassigned or referred. */
let entityNames: Promise<EntityNames> | null = null;
function useEntityNames(): EntityNames {
  const [names, setNames] = useState<EntityNames>(new Map());
  useEffect(() => {
    let live = true;
    entityNames ??= getDeskBridge()
      .call('entities.list', {})
      .then((list) => new Map(list.map((e) => [e.id, e])));
    entityNames.then((map) => live && setNames(map)).catch(() => (entityNames = null));
    return () => {
      live = false;
    };
  }, []);
  return names;
}

/**
 * Keeps the open case fresh: after cache changes (a new status, a referral)
 * and outbox changes (a note the hub has now applied), and on each minute of
 * the hub's clock, so working time left counts down. The core recomputes the
 * clocks each time; a burst of changes costs one read, not one each.
 */
function useLiveCase(caseId: string | null) {
  const reload = useCaseViewStore((s) => s.reload);
  useEffect(() => {
    if (!caseId) return;
    const bridge = getDeskBridge();
    let pending: ReturnType<typeof setTimeout> | null = null;
    let pendingAt = Number.POSITIVE_INFINITY;
    const within = (ms: number) => () => {
      const at = Date.now() + ms;
      if (pending && pendingAt <= at) return; // a read is already due sooner
      if (pending) clearTimeout(pending);
      pendingAt = at;
      pending = setTimeout(() => {
        pending = null;
        pendingAt = Number.POSITIVE_INFINITY;
        void reload();
      }, ms);
    };
    const stops = [
      bridge.subscribe('queue.changed', ({ searchTextOnly }) => !searchTextOnly && within(AFTER_CACHE_CHANGE_MS)()),
      bridge.subscribe('outbox.changed', within(AFTER_OUTBOX_CHANGE_MS)),
    ];
    // Offline or back: the history is asked for again, so the panel says at once whether it may be old.
    // (While the hub is away the link flips between offline and connecting: only online or not counts.)
    let online = useDeskStore.getState().sync?.connection === 'online';
    stops.push(
      useDeskStore.subscribe((state) => {
        if ((state.sync?.connection === 'online') === online) return;
        online = !online;
        within(AFTER_OUTBOX_CHANGE_MS)();
      }),
    );
    let minute: ReturnType<typeof setTimeout>;
    const onMinute = () => {
      const hubNow = Date.now() + (useDeskStore.getState().sync?.clockOffsetMs ?? 0);
      minute = setTimeout(
        () => {
          void reload();
          onMinute();
        },
        60_000 - (hubNow % 60_000) + 50,
      );
    };
    onMinute();
    return () => {
      stops.forEach((stop) => stop());
      if (pending) clearTimeout(pending);
      clearTimeout(minute);
    };
  }, [caseId, reload]);
}

function Field({ name, children, testId }: { name: string; children: ReactNode; testId?: string }) {
  return (
    <Box sx={{ display: 'contents' }}>
      <Box component="dt" sx={{ color: 'text.secondary', fontSize: 13 }}>
        {name}
      </Box>
      <Box component="dd" data-testid={testId} sx={{ m: 0, fontSize: 14, minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </Box>
  );
}

/** The resolution deadline in the queue row's words: time left or over, or what happened to a closed case. */
function DeadlineField({
  detail,
  dayMinutes,
  language,
}: {
  detail: CaseDetail;
  dayMinutes: number;
  language: Language;
}) {
  const resolution = actionTargetOfDetail(detail).sla;
  const due = detail.timers.find((timer) => timer.kind === 'resolution')?.dueAtMs;
  const words = deadlineWords({ status: detail.case.status, sla: resolution }, dayMinutes, language);
  if (!words || due === undefined) return null;
  return (
    <Field name={t(language, 'queue.col.deadline')} testId="case-deadline">
      {formatAmman(due, language)} ·{' '}
      <Box component="span" data-tone={words.tone} sx={{ color: DEADLINE_COLOUR[words.tone], fontWeight: 600 }}>
        {words.text}
      </Box>
    </Field>
  );
}

function CaseHeader({ detail, dayMinutes, language }: { detail: CaseDetail; dayMinutes: number; language: Language }) {
  const c = detail.case;
  const focalPoint = language === 'ar' ? c.focalPointNameAr : c.focalPointNameEn;
  return (
    <Box component="section" aria-label={t(language, 'case.summary')}>
      <Typography variant="body1" data-testid="case-title" sx={{ fontWeight: 600, mb: 1 }}>
        {c.title}
      </Typography>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
      >
        <Field name={t(language, 'case.field.entity')} testId="case-entity">
          {language === 'ar' ? c.entityNameAr : c.entityNameEn}
        </Field>
        <Field name={t(language, 'case.field.focalPoint')}>{focalPoint ?? t(language, 'queue.unassigned')}</Field>
        <Field name={t(language, 'case.field.status')} testId="case-status">
          {label(language, 'status', c.status)}
          {/* As in the queue: this desk has commands on the case the hub has not answered yet. */}
          {detail.pending.length > 0 && (
            <Box
              component="span"
              data-testid="case-pending-mark"
              sx={{ mx: 0.5, color: 'warning.dark', fontStyle: 'italic' }}
            >
              · {t(language, 'queue.pendingMark')}
            </Box>
          )}
        </Field>
        <DeadlineField detail={detail} dayMinutes={dayMinutes} language={language} />
        <Field name={t(language, 'case.field.importance')}>{label(language, 'importance', c.importance)}</Field>
        <Field name={t(language, 'case.field.type')}>
          {label(language, 'type', c.type)} · {label(language, 'pillar', c.pillar)}
        </Field>
        <Field name={t(language, 'case.field.channel')}>{label(language, 'channel', c.channel)}</Field>
        <Field name={t(language, 'case.field.submitted')}>{formatAmman(c.submittedAt, language)}</Field>
        <Field name={t(language, 'case.field.claimedBy')} testId="case-claimed-by">
          {c.claimedBy ? actorText(c.claimedBy, language) : t(language, 'case.unclaimed')}
        </Field>
      </Box>
      {c.body && (
        <Typography variant="body2" sx={{ mt: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {c.body}
        </Typography>
      )}
    </Box>
  );
}

function CaseRating({ detail, language }: { detail: CaseDetail; language: Language }) {
  const { rating, ratingComment } = detail.case;
  return (
    <Box component="section" aria-labelledby="case-rating-title" data-testid="case-rating">
      <Typography id="case-rating-title" component="h3" variant="subtitle1" sx={{ fontWeight: 700, mb: 0.5 }}>
        {t(language, 'case.rating')}
      </Typography>
      {rating === null ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t(language, 'case.rating.none')}
        </Typography>
      ) : (
        <>
          <Typography variant="body2">
            <Box
              component="span"
              aria-hidden
              sx={{ color: rating <= 2 ? 'error.main' : 'warning.dark', letterSpacing: 2 }}
            >
              {'★'.repeat(rating)}
              {'☆'.repeat(5 - rating)}
            </Box>{' '}
            {t(language, 'case.rating.value', { rating })}
          </Typography>
          <Typography variant="body2" sx={{ color: ratingComment ? 'text.primary' : 'text.secondary' }}>
            {ratingComment ?? t(language, 'case.rating.noComment')}
          </Typography>
        </>
      )}
    </Box>
  );
}

/**
 * Claim, chase and reassign from the case view: the queue row's own controls
 * and dialogs, on the case as this desk holds it. Offline they queue in the
 * outbox like anywhere else, and show as pending until the hub answers.
 */
function CaseActions({ detail, language }: { detail: CaseDetail; language: Language }) {
  const target = actionTargetOfDetail(detail);
  const showQueued = useCaseViewStore((s) => s.showQueued);
  const anything = useAnyPanelAction(target);
  if (!anything) return null;
  return (
    <Box
      role="group"
      aria-label={t(language, 'case.actions')}
      data-testid="case-actions"
      sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}
    >
      <ClaimControl target={target} language={language} look="panel" onQueued={showQueued} />
      <ChaseControl target={target} language={language} look="panel" onQueued={showQueued} />
      <ReassignControl target={target} language={language} look="panel" onQueued={showQueued} />
    </Box>
  );
}

/** The desk cannot reach the hub: what is shown is the cache, and actions wait in the outbox. */
function OfflineNotice({ language }: { language: Language }) {
  // Between reconnection attempts the link reads "connecting": still not reachable.
  const away = useDeskStore((s) => s.sync !== null && s.sync.connection !== 'online');
  if (!away) return null;
  return (
    <Alert severity="info" data-testid="case-offline">
      {t(language, 'case.offline')}
    </Alert>
  );
}

/**
 * The case view: a side panel over the queue's far columns, so the queue
 * stays in sight and in reach. Not modal: Escape or Close shuts it and the
 * keyboard goes back to the row (or alert) it was opened from.
 */
export function CaseScreen() {
  const language = useDeskStore((s) => s.language);
  const offsetMs = useDeskStore((s) => s.sync?.clockOffsetMs ?? 0);
  const { caseId, detail, pendingNotes, problem, loadedAt, close, addNote } = useCaseViewStore();
  const now = useHubClock();
  const dayMinutes = useWorkingDayMinutes();
  const entities = useEntityNames();
  const heading = useRef<HTMLHeadingElement>(null);
  const panel = useRef<HTMLElement>(null);
  useLiveCase(caseId);

  // The keyboard moves into the panel when a case opens (or another one does).
  useEffect(() => {
    if (caseId) heading.current?.focus();
  }, [caseId]);

  // Escape inside the panel shuts it; so does Escape when the keyboard was lost to the page (a control that went away).
  useEffect(() => {
    if (!caseId) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const inPanel = event.target instanceof Node && panel.current?.contains(event.target);
      if (!inPanel && event.target !== document.body) return;
      event.preventDefault();
      close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [caseId, close]);

  if (!caseId) return null;
  const number = detail?.case.number ?? '';
  return (
    <Box
      component="section"
      role="dialog"
      aria-modal="false"
      aria-labelledby="case-view-title"
      aria-busy={!detail && !problem}
      data-testid="case-view"
      data-case-id={caseId}
      ref={panel}
      sx={{
        position: 'absolute',
        top: 0,
        bottom: 0,
        insetInlineEnd: 0,
        width: 'min(540px, 100%)',
        zIndex: 3,
        display: 'flex',
        flexDirection: 'column',
        bgcolor: 'background.paper',
        borderInlineStart: 1,
        borderColor: 'divider',
        boxShadow: 8,
      }}
    >
      <Box
        sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}
      >
        <Typography
          id="case-view-title"
          ref={heading}
          tabIndex={-1}
          component="h2"
          variant="h6"
          sx={{ flex: 1, outline: 'none' }}
        >
          {t(language, 'case.panelTitle')}{' '}
          <Box component="bdi" data-testid="case-number" sx={{ fontFamily: 'monospace' }}>
            {number}
          </Box>
        </Typography>
        {caseId && <PresenceBadge caseId={caseId} size={24} />}
        <Button size="small" onClick={close} aria-label={t(language, 'case.closeLabel')} data-testid="case-close">
          {t(language, 'case.close')}
        </Button>
      </Box>
      <Box sx={{ flex: 1, overflow: 'auto', px: 2, py: 1.5, display: 'flex', flexDirection: 'column', gap: 2.5 }}>
        {problem && (
          <Typography role="alert" variant="body2" sx={{ color: 'error.main' }}>
            {problem === 'notHeld' ? t(language, 'case.notHeld') : t(language, 'case.loadFailed', { problem })}
          </Typography>
        )}
        {!detail && !problem && <Typography>{t(language, 'case.loading')}</Typography>}
        <OfflineNotice language={language} />
        {detail && (
          <>
            <CaseActions detail={detail} language={language} />
            <OutboxProblems caseId={caseId} />
            <CaseHeader detail={detail} dayMinutes={dayMinutes} language={language} />
            <PendingCommands detail={detail} language={language} />
            <CaseTimers detail={detail} dayMinutes={dayMinutes} language={language} />
            <CaseLadder ladder={detail.ladder} language={language} now={now} />
            <CaseRating detail={detail} language={language} />
            <Box>
              <HistoryNotice detail={detail} language={language} />
              <CaseTimeline detail={detail} language={language} entities={entities} />
            </Box>
            <CaseChases detail={detail} language={language} />
            <CaseNotes detail={detail} pendingNotes={pendingNotes} language={language} onAdd={addNote} />
            {loadedAt !== null && (
              <Typography variant="caption" sx={{ color: 'text.secondary' }}>
                {t(language, 'case.asOf', { time: formatAmman(loadedAt + offsetMs, language) })}
              </Typography>
            )}
          </>
        )}
      </Box>
    </Box>
  );
}
