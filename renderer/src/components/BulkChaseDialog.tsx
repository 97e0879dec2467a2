import { useEffect, useState, type FormEvent, type MouseEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { Language, QueueRow } from '../../../shared/contract/deskContract';
import { ChaseMessageFields, type ChaseMessage } from './ChaseMessageFields';
import { t } from '../../../shared/i18n/catalogue';
import { CHASE_TEMPLATES, type ChaseTemplate } from '../../../shared/i18n/chaseTemplates';
import { getDeskBridge } from '../bridge/deskBridge';
import { useDeskStore } from '../store/deskStore';

type LateCases = { focalPointId: string; nameAr: string; nameEn: string; cases: { id: string; number: string }[] };

/** The template in the operator's language with {number} kept, to be filled in per case. */
const templateText = (template: ChaseTemplate, language: Language): string => CHASE_TEMPLATES[template][language];

/**
 * Chases every late open case of one focal point at once: one chase command
 * per case, each queued in the outbox with its own client id, so each has
 * exactly one effect on the hub whatever the retries. The operator sees the
 * count (and the cases) before confirming.
 */
export function BulkChaseDialog({ row, onClose }: { row: QueueRow; onClose: () => void }) {
  const language = useDeskStore((s) => s.language);
  const refresh = useDeskStore((s) => s.refresh);
  const [late, setLate] = useState<LateCases | null | 'loading'>('loading');
  const [chase, setChase] = useState<ChaseMessage>(() => ({
    channel: 'notice',
    template: 'lateResolution',
    message: templateText('lateResolution', language),
  }));
  const [done, setDone] = useState<number | null>(null);
  useEffect(() => {
    void getDeskBridge()
      .call('bulkChase.lateCases', { caseId: row.id })
      .then(setLate, () => setLate(null));
  }, [row.id]);

  const cases = late && late !== 'loading' ? late.cases : [];
  const focalPoint =
    late && late !== 'loading'
      ? language === 'ar'
        ? late.nameAr
        : late.nameEn
      : ((language === 'ar' ? row.focalPointNameAr : row.focalPointNameEn) ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(0);
    for (const [i, chased] of cases.entries()) {
      await getDeskBridge().call('outbox.queue', {
        command: 'chaseFocalPoint',
        input: { caseId: chased.id, ...chase, message: chase.message.replaceAll('{number}', chased.number) },
      });
      setDone(i + 1);
    }
    refresh();
    onClose();
  };

  return (
    <Dialog open onClose={done === null ? onClose : undefined} aria-labelledby="bulk-chase-title">
      <form onSubmit={(e) => void submit(e)} data-testid="bulk-chase-dialog" data-count={cases.length}>
        <DialogTitle id="bulk-chase-title">
          {t(language, 'bulkChase.title', { count: cases.length, focalPoint })}
        </DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 480, pt: 1 }}>
          {late === 'loading' ? (
            <Typography role="status">{t(language, 'bulkChase.loading')}</Typography>
          ) : cases.length === 0 ? (
            <Typography role="status">{t(language, 'bulkChase.none')}</Typography>
          ) : (
            <>
              <Typography data-testid="bulk-chase-confirm">
                {t(language, 'bulkChase.confirm', { count: cases.length })}
              </Typography>
              <Box
                component="ul"
                aria-label={t(language, 'bulkChase.cases')}
                sx={{
                  m: 0,
                  p: 0,
                  listStyle: 'none',
                  display: 'flex',
                  flexWrap: 'wrap',
                  gap: 1,
                  maxHeight: 96,
                  overflow: 'auto',
                }}
              >
                {cases.map((c) => (
                  <Box
                    component="li"
                    key={c.id}
                    data-testid="bulk-chase-case"
                    sx={{ fontFamily: 'monospace', fontSize: 13, direction: 'ltr' }}
                  >
                    {c.number}
                  </Box>
                ))}
              </Box>
              <ChaseMessageFields
                language={language}
                value={chase}
                onChange={setChase}
                textOf={(next) => templateText(next, language)}
              />
            </>
          )}
          {done !== null && (
            <Typography role="status">{t(language, 'bulkChase.sending', { done, count: cases.length })}</Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={done !== null}>
            {t(language, 'reassign.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            data-testid="bulk-chase-send"
            disabled={cases.length === 0 || !chase.message.trim() || done !== null}
          >
            {t(language, 'bulkChase.send', { count: cases.length })}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/**
 * A row's focal point: on a late row, the name is the way to chase all of
 * that focal point's late cases at once (named so for screen readers);
 * otherwise just the name.
 */
export function BulkChaseControl({ row, language }: { row: QueueRow; language: Language }) {
  const [open, setOpen] = useState(false);
  const focalPoint = (language === 'ar' ? row.focalPointNameAr : row.focalPointNameEn) ?? '';
  if (row.sla?.state !== 'breached' || row.status === 'closed' || row.status === 'answered') return <>{focalPoint}</>;
  const label = t(language, 'bulkChase.openLabel', { focalPoint });
  return (
    <>
      <Link
        component="button"
        type="button"
        underline="always"
        data-testid="bulk-chase"
        title={label}
        aria-label={label}
        onClick={(event: MouseEvent) => {
          event.stopPropagation();
          setOpen(true);
        }}
        sx={{
          font: 'inherit',
          maxWidth: '100%',
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          verticalAlign: 'bottom',
        }}
      >
        {focalPoint}
      </Link>
      {open && <BulkChaseDialog row={row} onClose={() => setOpen(false)} />}
    </>
  );
}
