import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { t } from '../../../shared/i18n/catalogue';
import { useDeskStore } from '../store/deskStore';

/** Says so when the desk's local service (the core's process) was restarted after a crash. */
export function CoreRestartedNotice() {
  const language = useDeskStore((s) => s.language);
  const restarted = useDeskStore((s) => s.coreRestarted);
  const dismiss = useDeskStore((s) => s.dismissCoreRestarted);
  return (
    <Snackbar
      open={restarted > 0}
      autoHideDuration={15_000}
      onClose={(_event, reason) => reason !== 'clickaway' && dismiss()}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert severity="warning" variant="filled" onClose={dismiss} data-testid="core-restarted" sx={{ width: '100%' }}>
        {t(language, 'core.restarted')}
      </Alert>
    </Snackbar>
  );
}
