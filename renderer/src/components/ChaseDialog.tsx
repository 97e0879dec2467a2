import { useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { OutboxEntryView, QueueRow } from '../../../shared/contract/deskContract';
import { t } from '../../../shared/i18n/catalogue';
import { chaseMessage, type ChaseTemplate } from '../../../shared/i18n/chaseTemplates';
import { ChaseMessageFields, type ChaseMessage } from './ChaseMessageFields';
import { getDeskBridge } from '../bridge/deskBridge';
import { useDeskStore } from '../store/deskStore';

/** A reminder to the case's focal point: a channel, a template in the operator's language, editable. */
export function ChaseDialog({
  row,
  onClose,
  onQueued,
}: {
  /** A queue row, or the case view's case: its number, and whether its resolution is late (the template). */
  row: Pick<QueueRow, 'id' | 'number' | 'sla'>;
  onClose: () => void;
  /** Told of the command once it is durable in the outbox (the case view shows it pending at once). */
  onQueued?: (entry: OutboxEntryView) => void;
}) {
  const language = useDeskStore((s) => s.language);
  const refresh = useDeskStore((s) => s.refresh);
  const [chase, setChase] = useState<ChaseMessage>(() => {
    const template: ChaseTemplate = row.sla?.state === 'breached' ? 'lateResolution' : 'updateNeeded';
    return { channel: 'notice', template, message: chaseMessage(template, language, row.number) };
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const entry = await getDeskBridge().call('outbox.queue', {
      command: 'chaseFocalPoint',
      input: { caseId: row.id, ...chase },
    });
    onQueued?.(entry);
    refresh();
    onClose();
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="chase-title">
      <form onSubmit={(e) => void submit(e)} data-testid="chase-dialog">
        <DialogTitle id="chase-title">{t(language, 'chase.title', { number: row.number })}</DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 460, pt: 1 }}>
          <ChaseMessageFields
            language={language}
            value={chase}
            onChange={setChase}
            textOf={(next) => chaseMessage(next, language, row.number)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t(language, 'reassign.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!chase.message.trim()}>
            {t(language, 'chase.send')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
