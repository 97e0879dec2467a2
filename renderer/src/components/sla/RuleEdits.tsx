import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { Language } from '../../../../shared/contract/deskContract';
import { SLA_RULE_COMMANDS, type SlaRuleEdit } from '../../../../shared/contract/slaRulesContract';
import { t } from '../../../../shared/i18n/catalogue';
import { formatAmman } from '../../../../shared/time/ammanTime';
import { OutboxProblems } from '../OutboxProblems';
import { sectionTitleSx } from './slaLayout';

/**
 * This desk's rule edits the hub has not applied: each on its way (sending),
 * or refused with the hub's reason and the outbox's retry and discard.
 */
export function RuleEdits({ edits, language }: { edits: readonly SlaRuleEdit[]; language: Language }) {
  const queued = edits.filter((e) => e.state === 'queued');
  return (
    <>
      {queued.length > 0 && (
        <Box component="section" aria-labelledby="sla-edits-title" data-testid="sla-edits">
          <Typography id="sla-edits-title" component="h3" variant="subtitle1" sx={sectionTitleSx}>
            {t(language, 'sla.edits.title')}
          </Typography>
          <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {queued.map((edit) => (
              <Box
                component="li"
                key={edit.clientId}
                data-testid="sla-edit"
                data-state={edit.state}
                sx={{ py: 0.5, color: 'warning.dark', fontSize: 14 }}
              >
                {t(language, `sla.edit.${edit.command}`)} · {t(language, 'sla.edit.queued')} ·{' '}
                {t(language, 'sla.edit.reason', { reason: edit.reason })} · {formatAmman(edit.queuedAt, language)}
              </Box>
            ))}
          </Box>
        </Box>
      )}
      <OutboxProblems commands={SLA_RULE_COMMANDS} />
    </>
  );
}
