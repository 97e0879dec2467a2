import Button from '@mui/material/Button';
import { t } from '../../../shared/i18n/catalogue';
import { useDeskStore } from '../store/deskStore';

/** Arabic ⇄ English; the core keeps the choice for next time. */
export function LanguageSwitch() {
  const language = useDeskStore((s) => s.language);
  const setLanguage = useDeskStore((s) => s.setLanguage);
  return (
    <Button
      data-testid="language-switch"
      color="inherit"
      variant="outlined"
      size="small"
      // The accessible name stays the visible one (speech users say what they see); the hint is a tooltip.
      title={t(language, 'language.switchLabel')}
      lang={language === 'ar' ? 'en' : 'ar'}
      onClick={() => void setLanguage(language === 'ar' ? 'en' : 'ar')}
    >
      {t(language, 'language.switch')}
    </Button>
  );
}
