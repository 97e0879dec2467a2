import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { t } from '../../../../shared/i18n/catalogue';
import { LadderWindows } from '../../../../shared/sla';
import { useDeskStore } from '../../store/deskStore';
import { DurationField, draftOfMinutes, minutesOfDraft, type DurationDraft } from './DurationField';
import { RuleChangeDialog } from './RuleChangeDialog';
import { sectionTitleSx, type SlaSectionProps } from './slaLayout';
import { useWorkingDayMinutes } from './useWorkingDay';
import { workingSpanText } from '../../../../shared/sla/workingSpanText';

const RUNGS = ['focalPoint', 'director', 'secretaryGeneral'] as const;
type Rung = (typeof RUNGS)[number];

function LadderDialog({ ladder, onClose }: { ladder: LadderWindows; onClose: () => void }) {
  const language = useDeskStore((s) => s.language);
  const dayMinutes = useWorkingDayMinutes();
  const [drafts, setDrafts] = useState<Record<Rung, DurationDraft>>(() => ({
    focalPoint: draftOfMinutes(ladder.focalPoint, dayMinutes),
    director: draftOfMinutes(ladder.director, dayMinutes),
    secretaryGeneral: draftOfMinutes(ladder.secretaryGeneral, dayMinutes),
  }));
  const [invalid, setInvalid] = useState<Rung | null>(null);
  const change = () => {
    const windows = Object.fromEntries(RUNGS.map((rung) => [rung, minutesOfDraft(drafts[rung])]));
    // The default windows change here; each entity's agreed windows stay as they are.
    const parsed = LadderWindows.safeParse({ ...ladder, ...windows });
    if (parsed.success) return { command: 'updateLadderWindows' as const, ladder: parsed.data };
    setInvalid((parsed.error.issues[0]?.path[0] as Rung | undefined) ?? 'focalPoint');
    return null;
  };
  return (
    <RuleChangeDialog
      title={t(language, 'sla.ladder.edit')}
      onClose={onClose}
      change={change}
      testId="sla-ladder-dialog"
    >
      <Typography variant="body2">{t(language, 'sla.ladder.hint')}</Typography>
      {RUNGS.map((rung) => (
        <DurationField
          key={rung}
          label={t(language, `sla.ladder.${rung}`)}
          draft={drafts[rung]}
          onChange={(draft) => {
            setDrafts({ ...drafts, [rung]: draft });
            setInvalid(null);
          }}
          language={language}
          invalid={invalid === rung}
        />
      ))}
    </RuleChangeDialog>
  );
}

/** How long each level holds a late case before it is referred up. */
export function LadderSection({ view, canEdit, language }: SlaSectionProps) {
  const [editing, setEditing] = useState(false);
  const ladder = view.draft.ladder;
  const dayMinutes = useWorkingDayMinutes();
  return (
    <Box component="section" aria-labelledby="sla-ladder-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography id="sla-ladder-title" component="h3" variant="subtitle1" sx={{ ...sectionTitleSx, flex: 1 }}>
          {t(language, 'sla.ladder.title')}
        </Typography>
        {canEdit && (
          <Button variant="contained" size="small" onClick={() => setEditing(true)}>
            {t(language, 'sla.ladder.edit')}
          </Button>
        )}
      </Box>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
        {t(language, 'sla.ladder.hint')}
      </Typography>
      <Box
        component="dl"
        data-testid="sla-ladder"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
      >
        {RUNGS.map((rung) => (
          <Box key={rung} sx={{ display: 'contents' }}>
            <Box component="dt" sx={{ color: 'text.secondary' }}>
              {t(language, `sla.ladder.${rung}`)}
            </Box>
            <Box component="dd" sx={{ m: 0 }}>
              {ladder[rung] === 0
                ? t(language, 'sla.ladder.atOnce')
                : workingSpanText(ladder[rung], dayMinutes, language)}
            </Box>
          </Box>
        ))}
      </Box>
      {editing && <LadderDialog ladder={ladder} onClose={() => setEditing(false)} />}
    </Box>
  );
}
