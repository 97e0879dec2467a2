import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { OutboxEntryView } from '../../../shared/contract/deskContract';
import { t } from '../../../shared/i18n/catalogue';
import { getDeskBridge } from '../bridge/deskBridge';
import { useDeskStore } from '../store/deskStore';

/**
 * Commands the hub refused, each with the hub's own reason, to apply again, retry or discard.
 * Above the queue it lists them all; in the case view (`caseId`), only that case's; on the rules
 * screen (`commands`), only the rule edits.
 */
export function OutboxProblems({ caseId, commands }: { caseId?: string; commands?: readonly string[] } = {}) {
  const language = useDeskStore((s) => s.language);
  const refused = useDeskStore((s) => s.outbox.refused);
  const [entries, setEntries] = useState<OutboxEntryView[]>([]);
  useEffect(() => {
    void getDeskBridge()
      .call('outbox.list', {})
      .then((list) =>
        setEntries(
          list.filter(
            (e) =>
              e.state === 'refused' && (!caseId || e.caseId === caseId) && (!commands || commands.includes(e.command)),
          ),
        ),
      );
  }, [refused, caseId, commands]);
  if (entries.length === 0) return null;
  const act = async (method: 'outbox.rebase' | 'outbox.discard' | 'outbox.retry', clientId: string) => {
    await getDeskBridge().call(method, { clientId });
    setEntries((current) => current.filter((e) => e.clientId !== clientId));
  };
  return (
    <Box
      component="section"
      aria-label={t(language, 'outbox.problems')}
      data-testid="outbox-problems"
      sx={caseId || commands ? undefined : { px: 2, pt: 1 }}
    >
      {entries.map((entry) => (
        <Alert
          key={entry.clientId}
          severity="warning"
          data-testid="outbox-refusal"
          action={
            <>
              {entry.refusal?.code === 'staleVersion' ? (
                <Button size="small" onClick={() => void act('outbox.rebase', entry.clientId)}>
                  {t(language, 'outbox.rebase')}
                </Button>
              ) : (
                <Button size="small" onClick={() => void act('outbox.retry', entry.clientId)}>
                  {t(language, 'outbox.retry')}
                </Button>
              )}
              <Button size="small" color="inherit" onClick={() => void act('outbox.discard', entry.clientId)}>
                {t(language, 'outbox.discard')}
              </Button>
            </>
          }
          sx={{ mb: 1 }}
        >
          {entry.refusal?.message}
        </Alert>
      ))}
    </Box>
  );
}
