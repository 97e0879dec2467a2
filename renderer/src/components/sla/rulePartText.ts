import type { Language } from '../../../../shared/contract/deskContract';
import type { z } from 'zod';
import type { RulePartView } from '../../../../shared/contract/slaRulesContract';
import { t } from '../../../../shared/i18n/catalogue';
import { ruleName } from './matrixEdits';

type RulePart = z.infer<typeof RulePartView>;

const SETTINGS = ['weekendDays', 'workingHours', 'atRiskShare', 'focalPoint', 'director', 'secretaryGeneral'] as const;

/** A part of the rules in the person's words: "the working hours", "“Storm closure”", "the targets of Complaint · High". */
export function rulePartText(part: RulePart, language: Language): string {
  switch (part.part) {
    case 'setting': {
      const known = SETTINGS.find((s) => s === part.setting);
      return known ? t(language, `sla.part.${known}`) : t(language, 'sla.part.other', { key: part.key });
    }
    case 'entry':
      return t(language, 'sla.part.entry', { name: part.name[language] });
    case 'rule':
      return t(language, 'sla.part.rule', { rule: ruleName(part.match, language) });
    case 'entity':
      return t(language, 'sla.part.entity', { code: part.code });
  }
}

/** Several parts, as a list in the person's language. */
export const rulePartsText = (parts: readonly RulePart[], language: Language): string =>
  parts.map((p) => rulePartText(p, language)).join(language === 'ar' ? '، ' : ', ');
