import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { LadderPosition } from '../../../../shared/contract/caseDetailContract';
import type { Language } from '../../../../shared/contract/deskContract';
import { ESCALATION_LEVELS } from '../../../../shared/domain/taxonomy';
import { label, t } from '../../../../shared/i18n/catalogue';
import { workingMinutesBetween } from '../../../../shared/sla';
import { workingDayMinutes } from '../../../../shared/sla/workingSpan';
import { workingSpanText } from '../../../../shared/sla/workingSpanText';
import { formatAmman } from '../../../../shared/time/ammanTime';
import { useWorkingCalendar } from '../sla/useWorkingDay';

/**
 * Focal point → director → secretary-general → minister: where the case
 * stands, when each rung is (or was) reached, and when the next referral
 * happens if nobody acts. The schedule is the core's, from the hub's rules.
 */
export function CaseLadder({ ladder, language, now }: { ladder: LadderPosition; language: Language; now: number }) {
  const arrow = language === 'ar' ? '←' : '→';
  // The ladder's windows are working time: what is left before the next referral is said in working days too.
  const calendar = useWorkingCalendar();
  const workingLeft = (dueAt: string) =>
    workingSpanText(
      Math.max(0, workingMinutesBetween(calendar, now, Date.parse(dueAt))),
      workingDayMinutes(calendar),
      language,
    );
  return (
    <Box component="section" aria-labelledby="case-ladder-title" data-testid="case-ladder">
      <Typography id="case-ladder-title" component="h3" variant="subtitle1" sx={{ fontWeight: 700, mb: 1 }}>
        {t(language, 'case.ladder')}
      </Typography>
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', alignItems: 'stretch', gap: 0.5 }}>
        {ESCALATION_LEVELS.map((level, i) => {
          const current = level === ladder.level;
          const rung = ladder.rungs.find((r) => r.level === level);
          return (
            <Box
              component="li"
              key={level}
              sx={{ display: 'flex', alignItems: 'center', gap: 0.5, flex: '1 1 0', minWidth: 0 }}
            >
              {i > 0 && (
                <Box component="span" aria-hidden sx={{ color: 'text.secondary' }}>
                  {arrow}
                </Box>
              )}
              <Box
                data-testid="case-ladder-rung"
                data-level={level}
                aria-current={current ? 'step' : undefined}
                sx={{
                  px: 1,
                  py: 0.5,
                  borderRadius: 1,
                  border: 1,
                  borderColor: current ? 'primary.main' : 'divider',
                  bgcolor: current ? 'primary.main' : rung?.reached ? '#eef3f1' : 'background.paper',
                  color: current ? 'primary.contrastText' : 'text.primary',
                  fontWeight: current ? 700 : 400,
                  flex: 1,
                  minWidth: 0,
                  alignSelf: 'stretch',
                }}
              >
                <Typography variant="body2" component="span" sx={{ display: 'block', fontWeight: 'inherit' }}>
                  {label(language, 'escalation', level)}
                </Typography>
                <Typography variant="caption" component="span" sx={{ display: 'block' }}>
                  {current
                    ? t(language, 'case.ladder.current')
                    : rung
                      ? t(language, 'case.ladder.rungDue', { time: formatAmman(rung.dueAt, language) })
                      : '\u00a0'}
                </Typography>
              </Box>
            </Box>
          );
        })}
      </Box>
      <Typography variant="body2" data-testid="case-ladder-next" sx={{ mt: 1 }}>
        {ladder.next
          ? t(language, 'case.ladder.next', {
              level: label(language, 'escalation', ladder.next.level),
              time: formatAmman(ladder.next.dueAt, language),
              left: t(language, 'time.left', { span: workingLeft(ladder.next.dueAt) }),
            })
          : t(language, 'case.ladder.none')}
      </Typography>
    </Box>
  );
}
