import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { CaseDetail } from '../../../../shared/contract/caseDetailContract';
import type { Language } from '../../../../shared/contract/deskContract';
import { label, t } from '../../../../shared/i18n/catalogue';
import type { CaseTimer, TimerState } from '../../../../shared/sla/caseTimers';
import { workingSpanText } from '../../../../shared/sla/workingSpanText';
import { formatAmman } from '../../../../shared/time/ammanTime';

/** Bar colours by clock state; the words beside each bar carry the state too, never colour alone. */
const BAR_COLOUR: Record<TimerState, string> = {
  running: 'primary.main',
  atRisk: 'warning.main',
  breached: 'error.main',
  paused: 'grey.500',
  met: 'success.main',
};
/** Text colours that keep 4.5:1 on paper (the theme's warning is darkened for that). */
const TEXT_COLOUR: Record<TimerState, string> = {
  running: 'text.primary',
  atRisk: 'warning.dark',
  breached: 'error.main',
  paused: 'text.secondary',
  met: 'success.dark',
};

/** One clock: how much of its target is used, as a bar with the at-risk mark, and what that means in words. */
function TimerBar({
  timer,
  atRiskShare,
  dayMinutes,
  language,
}: {
  timer: CaseTimer;
  atRiskShare: number;
  dayMinutes: number;
  language: Language;
}) {
  // In working days of the calendar and hours, as the queue row says it.
  const workingSpan = (minutes: number) => workingSpanText(minutes, dayMinutes, language);
  const percent = Math.max(0, Math.round(timer.fractionUsed * 100));
  const name = label(language, 'timer', timer.kind);
  const left =
    timer.workingMinutesLeft >= 0
      ? t(language, 'case.timer.left', { span: workingSpan(timer.workingMinutesLeft) })
      : t(language, 'case.timer.over', { span: workingSpan(timer.workingMinutesLeft) });
  const when =
    timer.stoppedAtMs !== null
      ? t(language, 'case.timer.stopped', { time: formatAmman(timer.stoppedAtMs, language) })
      : t(language, 'case.timer.due', { time: formatAmman(timer.dueAtMs, language) });
  const used = t(language, 'case.timer.used', { percent });
  const stopped = timer.stoppedAtMs !== null;
  // Past the whole target, "4734% used" says less than how far over it is.
  const summary = [timer.fractionUsed > 1 ? null : used, stopped && timer.fractionUsed <= 1 ? null : left, when]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box component="li" data-testid="case-timer" data-timer={timer.kind} data-state={timer.state} sx={{ mb: 1.5 }}>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, alignItems: 'baseline' }}>
        <Typography component="h4" variant="subtitle2">
          {name}
        </Typography>
        <Typography
          variant="body2"
          data-testid="case-timer-state"
          sx={{ color: TEXT_COLOUR[timer.state], fontWeight: 700 }}
        >
          {t(language, `sla.${timer.state}`)}
        </Typography>
      </Box>
      <Box
        role="progressbar"
        aria-label={t(language, 'case.timer.meter', { timer: name })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, percent)}
        // The at-risk mark is drawn, not read: its share is said here instead.
        aria-valuetext={`${t(language, `sla.${timer.state}`)} · ${summary} · ${t(language, 'case.timer.atRiskFrom', { percent: Math.round(atRiskShare * 100) })}`}
        sx={{ position: 'relative', height: 10, borderRadius: 5, bgcolor: '#e1e6e3', overflow: 'hidden', my: 0.5 }}
      >
        {/* A block in the flow starts at the inline start, so the bar fills from the right in Arabic. */}
        <Box sx={{ height: '100%', width: `${Math.min(100, percent)}%`, bgcolor: BAR_COLOUR[timer.state] }} />
        {/* At the share the state was judged by, so a clock past the mark is the one called at risk. */}
        <Box
          aria-hidden
          data-testid="case-timer-at-risk-mark"
          sx={{
            position: 'absolute',
            top: 0,
            bottom: 0,
            insetInlineStart: `${atRiskShare * 100}%`,
            width: 2,
            bgcolor: 'text.secondary',
          }}
        />
      </Box>
      <Typography variant="body2" data-testid="case-timer-text" sx={{ color: 'text.secondary' }}>
        {summary}
        {timer.pausedWorkingMinutes > 0 &&
          ` · ${t(language, 'case.timer.paused', { span: workingSpan(timer.pausedWorkingMinutes) })}`}
      </Typography>
    </Box>
  );
}

/** The three SLA clocks as the core computed them (the hub's rules and clock), and the pauses that stopped them. */
export function CaseTimers({
  detail,
  dayMinutes,
  language,
}: {
  detail: CaseDetail;
  /** The calendar's working day, in minutes (useWorkingDayMinutes). */
  dayMinutes: number;
  language: Language;
}) {
  const pauses = detail.case.pauses;
  return (
    <Box component="section" aria-labelledby="case-timers-title" data-testid="case-timers">
      <Typography id="case-timers-title" component="h3" variant="subtitle1" sx={{ fontWeight: 700, mb: 1 }}>
        {t(language, 'case.timers')}
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {detail.timers.map((timer) => (
          <TimerBar
            key={timer.kind}
            timer={timer}
            atRiskShare={detail.atRiskShare}
            dayMinutes={dayMinutes}
            language={language}
          />
        ))}
      </Box>
      <Typography component="h4" variant="subtitle2">
        {t(language, 'case.pauses')}
      </Typography>
      {pauses.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t(language, 'case.noPauses')}
        </Typography>
      ) : (
        <Box component="ul" data-testid="case-pauses" sx={{ m: 0, paddingInlineStart: 3 }}>
          {pauses.map((pause) => (
            <Typography component="li" variant="body2" key={pause.from}>
              {pause.to
                ? t(language, 'case.pause', {
                    from: formatAmman(pause.from, language),
                    to: formatAmman(pause.to, language),
                  })
                : t(language, 'case.pauseOpen', { from: formatAmman(pause.from, language) })}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
