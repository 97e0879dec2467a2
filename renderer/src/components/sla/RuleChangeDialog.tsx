import { useId, useState, type FormEvent, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { t } from '../../../../shared/i18n/catalogue';
import { useDeskStore } from '../../store/deskStore';
import { useSlaRulesStore, type SlaRuleDocument } from '../../store/slaRulesStore';

/**
 * Every change to the rules goes through here: the change's own fields, then
 * the reason (required: it is recorded with the new rules and in each moved
 * case's timeline). Save checks and queues the command; the dialog closes once
 * it is durable in the outbox, or stays open with the problem in words.
 */
export function RuleChangeDialog({
  title,
  onClose,
  change,
  ready = true,
  children,
  testId,
}: {
  title: string;
  onClose: () => void;
  /** The new document, or null when a field needs putting right (the form marks it). */
  change: () => SlaRuleDocument | null;
  /** The fields are filled enough to try. */
  ready?: boolean;
  children?: ReactNode;
  testId?: string;
}) {
  const language = useDeskStore((s) => s.language);
  const queue = useSlaRulesStore((s) => s.queue);
  // The rules as they stood when the change began: what it is built on, whatever arrives while the dialog is open.
  const [builtOn] = useState(() => useSlaRulesStore.getState().view);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const document = change();
    if (!document) return;
    setBusy(true);
    const result = await queue(document, reason.trim(), builtOn);
    setBusy(false);
    if (result.ok) onClose();
    else setProblem(result.problem);
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={(e) => void submit(e)} data-testid={testId} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        {/* Room above the first field, whose outlined label sits on its top edge. */}
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, '&&': { pt: 1 } }}>
          {children}
          <TextField
            required
            multiline
            minRows={2}
            label={t(language, 'sla.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'sla-reason' } }}
          />
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {t(language, 'sla.recompute')}
          </Typography>
          {problem && (
            <Alert severity="error" role="alert" data-testid="sla-change-problem" sx={{ whiteSpace: 'pre-wrap' }}>
              {t(language, 'sla.notSent', { problem })}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t(language, 'sla.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy || !ready || !reason.trim()}>
            {t(language, 'sla.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
