import { useEffect } from 'react';
import { CacheProvider } from '@emotion/react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import CssBaseline from '@mui/material/CssBaseline';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { ThemeProvider } from '@mui/material/styles';
import { t } from '../../shared/i18n/catalogue';
import { inBrowserMode } from './bridge/deskBridge';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SyncStatusBar } from './components/SyncStatusBar';
import { SignInDialog } from './components/SignInDialog';
import { useDeskStore } from './store/deskStore';
import { emotionCacheFor, themeFor } from './theme/directionalTheme';
import { QueueScreen } from './screens/QueueScreen';
import { CaseScreen } from './screens/CaseScreen';
import { AlertFeed } from './components/AlertFeed';
import { CoreRestartedNotice } from './components/CoreRestartedNotice';
import { SlaRulesButton, SlaRulesScreen } from './screens/SlaRulesScreen';

export function App() {
  const language = useDeskStore((s) => s.language);
  const session = useDeskStore((s) => s.session);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
    document.title = t(language, 'app.title');
  }, [language]);

  return (
    <CacheProvider value={emotionCacheFor(language)}>
      <ThemeProvider theme={themeFor(language)}>
        <CssBaseline />
        <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
          <AppBar position="static" elevation={0}>
            <Toolbar variant="dense" sx={{ gap: 2 }}>
              <Typography variant="h6" component="p" sx={{ flex: 1 }}>
                {t(language, 'app.title')}
              </Typography>
              {inBrowserMode() && <Typography variant="body2">{t(language, 'app.browserMode')}</Typography>}
              {session?.user && (
                <Typography variant="body2">
                  {t(language, 'session.signedInAs', { user: session.user.userId })}
                </Typography>
              )}
              <SlaRulesButton />
              <LanguageSwitch />
            </Toolbar>
          </AppBar>
          <SyncStatusBar />
          <SignInDialog />
          <CoreRestartedNotice />
          <SlaRulesScreen />
          <Box component="main" sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
            {/* The case view opens over the queue's far columns: the queue stays in sight, and so do the alerts. */}
            <Box sx={{ position: 'relative', display: 'flex', flex: 1, minWidth: 0 }}>
              <QueueScreen />
              <CaseScreen />
            </Box>
            <AlertFeed />
          </Box>
        </Box>
      </ThemeProvider>
    </CacheProvider>
  );
}
