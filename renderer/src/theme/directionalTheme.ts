import createCache, { type EmotionCache } from '@emotion/cache';
import { createTheme, type Theme } from '@mui/material/styles';
import rtlPlugin from 'stylis-plugin-rtl';
import type { Language } from '../../../shared/contract/deskContract';

// Arabic flips the whole layout: MUI's direction plus an emotion cache that mirrors every style.
const caches: Record<Language, EmotionCache> = {
  ar: createCache({ key: 'mui-rtl', stylisPlugins: [rtlPlugin] }),
  en: createCache({ key: 'mui-ltr' }),
};

export const emotionCacheFor = (language: Language) => caches[language];

export function themeFor(language: Language): Theme {
  return createTheme({
    direction: language === 'ar' ? 'rtl' : 'ltr',
    palette: {
      primary: { main: '#0b5d4b' },
      secondary: { main: '#8a1538' },
      error: { main: '#b71c1c' },
      // MUI's orange gives white text 3.1:1 and its dark shade 3.8:1 on paper; these pass 4.5:1, on the selected row too.
      warning: { main: '#9a4a00', dark: '#7a3b00', light: '#c26a1a', contrastText: '#ffffff' },
      background: { default: '#f5f6f4' },
    },
    typography: {
      fontFamily: '"Noto Sans Arabic", "Segoe UI", Tahoma, sans-serif',
      fontSize: 14,
      // Arabic has no capitals; upper-casing only the English labels made the two languages look unlike.
      button: { textTransform: 'none' },
    },
  });
}
