import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import type { Language } from '../../../shared/contract/deskContract';
import { t } from '../../../shared/i18n/catalogue';
import { getDeskBridge } from '../bridge/deskBridge';
import { useDeskStore } from '../store/deskStore';
import { useSlaRulesStore } from '../store/slaRulesStore';
import { CalendarSection } from '../components/sla/CalendarSection';
import { LadderSection } from '../components/sla/LadderSection';
import { MatrixSection } from '../components/sla/MatrixSection';
import { RuleEdits } from '../components/sla/RuleEdits';

const TABS = ['calendar', 'matrix', 'ladder'] as const;
type RulesTab = (typeof TABS)[number];

/** Reads the rules again whenever the desk's copy or its outbox moves, while the screen is open. */
function useLiveRules(open: boolean) {
  const load = useSlaRulesStore((s) => s.load);
  useEffect(() => {
    if (!open) return;
    const bridge = getDeskBridge();
    const stops = [
      bridge.subscribe('sla.changed', () => void load()),
      bridge.subscribe('outbox.changed', () => void load()),
    ];
    return () => stops.forEach((stop) => stop());
  }, [open, load]);
}

/** Which rules these are: the hub's version, the hub's own defaults (version 0), or this desk's built-in ones. */
function versionText(version: number | null, language: Language): string {
  if (version === null) return t(language, 'sla.version.defaults');
  return version === 0 ? t(language, 'sla.version.hubDefaults') : t(language, 'sla.version', { version });
}

/** Opens the rules screen from the app bar. */
export function SlaRulesButton() {
  const language = useDeskStore((s) => s.language);
  const signedIn = useDeskStore((s) => Boolean(s.session?.user));
  const setOpen = useSlaRulesStore((s) => s.setOpen);
  if (!signedIn) return null;
  return (
    <Button color="inherit" size="small" data-testid="sla-open" onClick={() => setOpen(true)}>
      {t(language, 'sla.open')}
    </Button>
  );
}

/**
 * The SLA rules: the working calendar, the matrix and the ladder, as this
 * desk holds them. Administrators change them here; every change asks for a
 * reason and goes to the hub as a command through the outbox. Everyone else
 * reads them.
 */
export function SlaRulesScreen() {
  const language = useDeskStore((s) => s.language);
  const canEdit = useDeskStore((s) => s.session?.user?.role === 'administrator');
  const { open, setOpen, view, problem } = useSlaRulesStore();
  const [tab, setTab] = useState<RulesTab>('calendar');
  useLiveRules(open);

  return (
    <Dialog
      open={open}
      onClose={() => setOpen(false)}
      aria-labelledby="sla-rules-title"
      fullWidth
      maxWidth="lg"
      scroll="paper"
      // One height for every tab: the screen does not jump when the tab changes.
      slotProps={{ paper: { sx: { height: '90vh' } } }}
      data-testid="sla-rules-view"
    >
      <DialogTitle id="sla-rules-title" sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Box component="span" sx={{ flex: 1 }}>
          {t(language, 'sla.title')}
          <Typography
            component="span"
            variant="body2"
            data-testid="sla-version"
            sx={{ display: 'block', color: 'text.secondary' }}
          >
            {versionText(view?.version ?? null, language)}
          </Typography>
        </Box>
        <Button onClick={() => setOpen(false)} aria-label={t(language, 'sla.closeLabel')}>
          {t(language, 'sla.close')}
        </Button>
      </DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        {!canEdit && (
          <Alert severity="info" data-testid="sla-read-only">
            {t(language, 'sla.readOnly')}
          </Alert>
        )}
        {problem && (
          <Alert severity="error" role="alert">
            {problem}
          </Alert>
        )}
        {!view && !problem && <Typography>{t(language, 'sla.loading')}</Typography>}
        {view && (
          <>
            <RuleEdits edits={view.edits} language={language} />
            <Tabs value={tab} onChange={(_e, value: RulesTab) => setTab(value)} aria-label={t(language, 'sla.tabs')}>
              {TABS.map((name) => (
                <Tab
                  key={name}
                  value={name}
                  label={t(language, `sla.tab.${name}`)}
                  id={`sla-tab-${name}`}
                  aria-controls={`sla-panel-${name}`}
                />
              ))}
            </Tabs>
            {TABS.map((name) => (
              <Box
                key={name}
                role="tabpanel"
                id={`sla-panel-${name}`}
                aria-labelledby={`sla-tab-${name}`}
                data-testid={`sla-panel-${name}`}
                hidden={tab !== name}
              >
                {name === 'calendar' && <CalendarSection view={view} canEdit={canEdit} language={language} />}
                {name === 'matrix' && <MatrixSection view={view} canEdit={canEdit} language={language} />}
                {name === 'ladder' && <LadderSection view={view} canEdit={canEdit} language={language} />}
              </Box>
            ))}
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
