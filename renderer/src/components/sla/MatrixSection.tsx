import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Language } from '../../../../shared/contract/deskContract';
import { label, t } from '../../../../shared/i18n/catalogue';
import type { SlaMatrix, SlaRule } from '../../../../shared/sla';
import { ruleName, rulesInOrder, withoutRule } from './matrixEdits';
import { RuleChangeDialog } from './RuleChangeDialog';
import { SlaRuleDialog } from './SlaRuleDialog';
import { sectionTitleSx, type SlaSectionProps } from './slaLayout';
import { useWorkingDayMinutes } from './useWorkingDay';
import { workingSpanText } from '../../../../shared/sla/workingSpanText';

type Open = { kind: 'edit'; rule: SlaRule } | { kind: 'add' } | { kind: 'remove'; rule: SlaRule } | { kind: 'atRisk' };

const isCatchAll = (rule: SlaRule) => !rule.type && !rule.importance && !rule.pillar;

function AtRiskDialog({ matrix, onClose, language }: { matrix: SlaMatrix; onClose: () => void; language: Language }) {
  const [percent, setPercent] = useState(String(Math.round(matrix.atRiskShare * 100)));
  const value = Number(percent);
  const valid = Number.isInteger(value) && value >= 50 && value <= 99;
  return (
    <RuleChangeDialog
      title={t(language, 'sla.matrix.atRiskEdit')}
      onClose={onClose}
      change={() => (valid ? { command: 'updateSlaMatrix', matrix: { ...matrix, atRiskShare: value / 100 } } : null)}
      ready={valid}
      testId="sla-at-risk-dialog"
    >
      <TextField
        required
        type="number"
        label={t(language, 'sla.matrix.atRiskField')}
        value={percent}
        onChange={(e) => setPercent(e.target.value)}
        error={!valid}
        helperText={valid ? undefined : t(language, 'sla.field.invalid')}
        slotProps={{ htmlInput: { min: 50, max: 99 } }}
      />
    </RuleChangeDialog>
  );
}

/** The SLA matrix: the at-risk share, and each rule's targets by type, importance and pillar. */
export function MatrixSection({ view, canEdit, language }: SlaSectionProps) {
  const [open, setOpen] = useState<Open | null>(null);
  const matrix = view.draft.matrix;
  // Targets in working days of the calendar in force, as the queue and the case view count them.
  const dayMinutes = useWorkingDayMinutes();
  const span = (minutes: number) => workingSpanText(minutes, dayMinutes, language);
  const close = () => setOpen(null);
  const any = t(language, 'sla.matrix.any');

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box component="section" aria-labelledby="sla-at-risk-title">
        <Typography id="sla-at-risk-title" component="h3" variant="subtitle1" sx={sectionTitleSx}>
          {t(language, 'sla.matrix.atRisk')}
        </Typography>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          <Typography variant="body2" data-testid="sla-at-risk">
            {t(language, 'sla.matrix.atRiskValue', { percent: Math.round(matrix.atRiskShare * 100) })}
          </Typography>
          {canEdit && (
            <Button size="small" onClick={() => setOpen({ kind: 'atRisk' })}>
              {t(language, 'sla.matrix.atRiskEdit')}
            </Button>
          )}
        </Box>
      </Box>
      <Box component="section" aria-labelledby="sla-matrix-rules-title">
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          <Typography
            id="sla-matrix-rules-title"
            component="h3"
            variant="subtitle1"
            sx={{ ...sectionTitleSx, flex: 1 }}
          >
            {t(language, 'sla.matrix.rules')}
          </Typography>
          {canEdit && (
            <Button variant="contained" size="small" onClick={() => setOpen({ kind: 'add' })}>
              {t(language, 'sla.matrix.add')}
            </Button>
          )}
        </Box>
        <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
          {t(language, 'sla.matrix.hint')}
        </Typography>
        <Table size="small" aria-labelledby="sla-matrix-rules-title" data-testid="sla-rules">
          <TableHead>
            <TableRow>
              <TableCell>{t(language, 'sla.matrix.col.type')}</TableCell>
              <TableCell>{t(language, 'sla.matrix.col.importance')}</TableCell>
              <TableCell>{t(language, 'sla.matrix.col.pillar')}</TableCell>
              {(['firstResponse', 'update', 'resolution'] as const).map((timer) => (
                <TableCell key={timer}>
                  {t(language, 'sla.matrix.col.target', { timer: label(language, 'timer', timer) })}
                </TableCell>
              ))}
              {canEdit && <TableCell>{t(language, 'sla.col.actions')}</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {rulesInOrder(matrix).map((rule) => (
              <TableRow key={rule.id} data-testid="sla-rule" data-rule-id={rule.id}>
                <TableCell>{rule.type ? label(language, 'type', rule.type) : any}</TableCell>
                <TableCell>{rule.importance ? label(language, 'importance', rule.importance) : any}</TableCell>
                <TableCell>{rule.pillar ? label(language, 'pillar', rule.pillar) : any}</TableCell>
                <TableCell>{span(rule.targets.firstResponseMinutes)}</TableCell>
                <TableCell>{span(rule.targets.updateMinutes)}</TableCell>
                <TableCell>{span(rule.targets.resolutionMinutes)}</TableCell>
                {canEdit && (
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Button
                      size="small"
                      aria-label={t(language, 'sla.matrix.editLabel', { rule: ruleName(rule, language) })}
                      onClick={() => setOpen({ kind: 'edit', rule })}
                    >
                      {t(language, 'sla.matrix.edit')}
                    </Button>
                    {/* The catch-all stays: without it some cases would have no targets. */}
                    {!isCatchAll(rule) && (
                      <Button
                        size="small"
                        color="secondary"
                        aria-label={t(language, 'sla.matrix.removeLabel', { rule: ruleName(rule, language) })}
                        onClick={() => setOpen({ kind: 'remove', rule })}
                      >
                        {t(language, 'sla.matrix.remove')}
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      {open?.kind === 'atRisk' && <AtRiskDialog matrix={matrix} onClose={close} language={language} />}
      {open?.kind === 'add' && <SlaRuleDialog matrix={matrix} onClose={close} />}
      {open?.kind === 'edit' && <SlaRuleDialog matrix={matrix} rule={open.rule} onClose={close} />}
      {open?.kind === 'remove' && (
        <RuleChangeDialog
          title={t(language, 'sla.matrix.removeTitle', { rule: ruleName(open.rule, language) })}
          onClose={close}
          change={() => ({ command: 'updateSlaMatrix', matrix: withoutRule(matrix, open.rule.id) })}
          testId="sla-remove-dialog"
        />
      )}
    </Box>
  );
}
