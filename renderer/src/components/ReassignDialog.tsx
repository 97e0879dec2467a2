import { useEffect, useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { QueueRow } from '../../../shared/contract/deskContract';
import { t } from '../../../shared/i18n/catalogue';
import { getDeskBridge } from '../bridge/deskBridge';
import { useDeskStore } from '../store/deskStore';

type Entity = { id: string; code: string; nameAr: string; nameEn: string };

/**
 * A supervisor moves a case to another entity, with a reason. The command
 * carries the version the supervisor saw: if someone changed the case first,
 * the hub refuses it and the conflict shows in the outbox panel.
 */
export function ReassignDialog({ row, onClose }: { row: QueueRow; onClose: () => void }) {
  const language = useDeskStore((s) => s.language);
  const refresh = useDeskStore((s) => s.refresh);
  const [entities, setEntities] = useState<Entity[]>([]);
  const [entityCode, setEntityCode] = useState('');
  const [reason, setReason] = useState('');
  // The version on screen when the supervisor decided: a change after that is a conflict to show, not to paper over.
  const [seenVersion] = useState(row.version);
  useEffect(() => {
    void getDeskBridge().call('entities.list', {}).then(setEntities);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await getDeskBridge().call('outbox.queue', {
      command: 'reassignCase',
      input: { caseId: row.id, expectedVersion: seenVersion, toEntityCode: entityCode, reason },
    });
    refresh();
    onClose();
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="reassign-title">
      <form onSubmit={(e) => void submit(e)} data-testid="reassign-dialog">
        <DialogTitle id="reassign-title">{t(language, 'reassign.title', { number: row.number })}</DialogTitle>
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
              .filter((e) => e.id !== row.entityId)
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
