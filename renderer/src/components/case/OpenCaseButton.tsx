import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import type { Language } from '../../../../shared/contract/deskContract';
import { t } from '../../../../shared/i18n/catalogue';
import { useCaseViewStore } from '../../store/caseViewStore';

/** A queue row's case number, as a link-styled button that opens the case view. */
export function CaseNumberLink({ caseId, number, language }: { caseId: string; number: string; language: Language }) {
  const open = useCaseViewStore((s) => s.open);
  return (
    <Link
      component="button"
      type="button"
      underline="hover"
      data-testid="open-case"
      title={t(language, 'case.openCase', { number })}
      onClick={() => open(caseId)}
      sx={{ font: 'inherit', color: 'primary.main', verticalAlign: 'baseline' }}
    >
      {number}
    </Link>
  );
}

/** "Open" beside an alert: the case view for the case it is about. */
export function OpenCaseButton({ caseId, number, language }: { caseId: string; number: string; language: Language }) {
  const open = useCaseViewStore((s) => s.open);
  return (
    <Button
      size="small"
      sx={{ flexShrink: 0, minWidth: 0 }}
      data-testid="alert-open-case"
      // Starts with the visible word, then names the case, like the acknowledge button beside it.
      aria-label={`${t(language, 'case.open')} ${number}`}
      onClick={() => open(caseId)}
    >
      {t(language, 'case.open')}
    </Button>
  );
}
