import type { Language } from '../../../../shared/contract/deskContract';
import type { SlaRulesState } from '../../../../shared/contract/slaRulesContract';

/** The rules screen's section headings, as the case view's. */
export const sectionTitleSx = { fontWeight: 700, mb: 1 } as const;

/** What each section of the rules screen is given: the rules it shows and whether this person may edit them. */
export interface SlaSectionProps {
  view: SlaRulesState;
  canEdit: boolean;
  language: Language;
}
