import { useEffect, useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { OutboxEntryView, QueueRow } from '../../../shared/contract/deskContract';
import { t } from '../../../shared/i18n/catalogue';
import { getDeskBridge } from '../bridge/deskBridge';
import { useDeskStore } from '../store/deskStore';

type Entity = { id: string; code: string; nameAr: string; nameEn: string };

/**
 * A supervisor moves one case or several to another entity, with a reason.
 * Each case is its own command carrying the version the supervisor saw: if
 * someone changed a case first, the hub refuses that one alone and the
 * conflict shows in the outbox panel; the others go through.
 */
export function ReassignDialog({
  rows,
  onClose,
  onQueued,
}: {
  /** Queue rows, or the case view's case: each with the version the supervisor saw. */
  rows: readonly Pick<QueueRow, 'id' | 'number' | 'version' | 'entityId'>[];
  onClose: () => void;
  /** Told of each command once it is durable in the outbox (the case view shows it pending at once). */
  onQueued?: (entry: OutboxEntryView) => void;
}) {
  const language = useDeskStore((s) => s.language);
  const refresh = useDeskStore((s) => s.refresh);
  const [entities, setEntities] = useState<Entity[]>([]);
  const [entityCode, setEntityCode] = useState('');
  const [reason, setReason] = useState('');
  // The versions on screen when the supervisor decided: a change after that is a conflict to show, not to paper over.
  const [seen] = useState(() => rows.map((r) => ({ caseId: r.id, expectedVersion: r.version })));
  const currentEntities = new Set(rows.map((r) => r.entityId));
  useEffect(() => {
    void getDeskBridge().call('entities.list', {}).then(setEntities);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    for (const { caseId, expectedVersion } of seen) {
      const entry = await getDeskBridge().call('outbox.queue', {
        command: 'reassignCase',
        input: { caseId, expectedVersion, toEntityCode: entityCode, reason },
      });
      onQueued?.(entry);
    }
    refresh();
    onClose();
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="reassign-title">
      <form onSubmit={(e) => void submit(e)} data-testid="reassign-dialog">
        <DialogTitle id="reassign-title">
          {rows.length === 1
            ? t(language, 'reassign.title', { number: rows[0]!.number })
            : t(language, 'reassign.titleMany', { count: rows.length })}
        </DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 420, pt: 1 }}>
          <TextField
            select
            required
            label={t(language, 'reassign.entity')}
            value={entityCode}
            onChange={(e) => setEntityCode(e.target.value)}
            slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 360 } } } } } }}
            sx={{ mt: 1 }}
          >
            {entities
              // Moving a case to the entity it is with is no move; with several, only a common one is left out.
              .filter((e) => !(currentEntities.size === 1 && currentEntities.has(e.id)))
              .map((e) => (
                <MenuItem key={e.code} value={e.code}>
                  {language === 'ar' ? e.nameAr : e.nameEn}
                </MenuItem>
              ))}
          </TextField>
          <TextField
            required
            multiline
            minRows={2}
            label={t(language, 'reassign.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t(language, 'reassign.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!entityCode || !reason.trim()}>
            {t(language, 'reassign.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
