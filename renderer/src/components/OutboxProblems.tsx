import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { Language, OutboxEntryView } from '../../../shared/contract/deskContract';
import { SlaRuleCommand, type SlaReapplyResult } from '../../../shared/contract/slaRulesContract';
import { t } from '../../../shared/i18n/catalogue';
import { getDeskBridge } from '../bridge/deskBridge';
import { useDeskStore } from '../store/deskStore';
import { rulePartsText } from './sla/rulePartText';

/** Why a rule edit could not be applied again by itself, in the person's words; null while it still may be. */
function reapplyProblem(result: SlaReapplyResult | undefined, language: Language): string | null {
  if (!result || result.outcome === 'queued' || result.outcome === 'alreadyApplied') return null;
  if (result.outcome === 'cannot') return t(language, 'sla.conflict.cannot');
  if (result.problem) return t(language, 'sla.conflict.invalid', { problem: result.problem });
  return t(language, 'sla.conflict.clash', { parts: rulePartsText(result.parts, language) });
}

/**
 * Commands the hub refused, each with the hub's own reason, to apply again, retry or discard.
 * Above the queue it lists them all; in the case view (`caseId`), only that case's; on the rules
 * screen (`commands`), only the rule edits. A rule edit refused because another change to the same
 * rules reached the hub first says so, and offers to apply the person's change to the rules as
 * they are now; if both changed the same part, it names the part, and only discarding is left.
 */
export function OutboxProblems({ caseId, commands }: { caseId?: string; commands?: readonly string[] } = {}) {
  const language = useDeskStore((s) => s.language);
  const refused = useDeskStore((s) => s.outbox.refused);
  const [entries, setEntries] = useState<OutboxEntryView[]>([]);
  const [reapplied, setReapplied] = useState<Record<string, SlaReapplyResult>>({});
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
  const reapply = async (clientId: string) => {
    const result = await getDeskBridge().call('sla.reapply', { clientId });
    if (result.outcome === 'queued' || result.outcome === 'alreadyApplied')
      setEntries((current) => current.filter((e) => e.clientId !== clientId));
    else setReapplied((current) => ({ ...current, [clientId]: result }));
  };
  return (
    <Box
      component="section"
      aria-label={t(language, 'outbox.problems')}
      data-testid="outbox-problems"
      sx={caseId || commands ? undefined : { px: 2, pt: 1 }}
    >
      {entries.map((entry) => {
        const ruleCommand = SlaRuleCommand.safeParse(entry.command);
        const rulesChanged = ruleCommand.success && entry.refusal?.code === 'rulesChanged';
        const problem = rulesChanged ? reapplyProblem(reapplied[entry.clientId], language) : null;
        const what = ruleCommand.success ? t(language, `sla.edit.${ruleCommand.data}`) : '';
        return (
          <Alert
            key={entry.clientId}
            severity="warning"
            data-testid="outbox-refusal"
            data-code={entry.refusal?.code}
            action={
              <>
                {rulesChanged ? (
                  !problem && (
                    <Button
                      size="small"
                      data-testid="sla-reapply"
                      aria-label={t(language, 'sla.conflict.reapplyLabel', {
                        reason: typeof entry.input.reason === 'string' ? entry.input.reason : '',
                        what,
                      })}
                      onClick={() => void reapply(entry.clientId)}
                    >
                      {t(language, 'sla.conflict.reapply')}
                    </Button>
                  )
                ) : entry.refusal?.code === 'staleVersion' ? (
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
            {rulesChanged && <Typography variant="body2">{t(language, 'sla.conflict.lead', { what })}</Typography>}
            {entry.refusal?.message}
            {problem && (
              <Typography
                variant="body2"
                role="status"
                data-testid="sla-reapply-problem"
                sx={{ mt: 0.5, fontWeight: 600 }}
              >
                {problem}
              </Typography>
            )}
          </Alert>
        );
      })}
    </Box>
  );
}
