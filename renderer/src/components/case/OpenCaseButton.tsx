import type { MouseEvent } from 'react';
import Link from '@mui/material/Link';
import type { Language } from '../../../../shared/contract/deskContract';
import { t } from '../../../../shared/i18n/catalogue';
import { useCaseViewStore } from '../../store/caseViewStore';

/**
 * Links, not buttons: they go to a case, and the row's and the alert's buttons stay the actions
 * on it (claim, chase, acknowledge). The address does not change; the case view opens beside the queue.
 */
function useOpener(caseId: string) {
  const open = useCaseViewStore((s) => s.open);
  return (event: MouseEvent) => {
    event.preventDefault();
    open(caseId);
  };
}

/** A queue row's case number, opening the case view. */
export function CaseNumberLink({ caseId, number, language }: { caseId: string; number: string; language: Language }) {
  const onClick = useOpener(caseId);
  return (
    <Link
      href={`#case-${number}`}
      underline="hover"
      data-testid="open-case"
      title={t(language, 'case.openCase', { number })}
      onClick={onClick}
      sx={{ font: 'inherit' }}
    >
      {number}
    </Link>
  );
}

/** "Open" beside an alert: the case view for the case it is about. */
export function OpenCaseButton({ caseId, number, language }: { caseId: string; number: string; language: Language }) {
  const onClick = useOpener(caseId);
  return (
    <Link
      href={`#case-${number}`}
      underline="hover"
      data-testid="alert-open-case"
      // Starts with the visible word, then names the case, like the acknowledge button beside it.
      aria-label={`${t(language, 'case.open')} ${number}`}
      onClick={onClick}
      sx={{ flexShrink: 0, fontSize: 13 }}
    >
      {t(language, 'case.open')}
    </Link>
  );
}
