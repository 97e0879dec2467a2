import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { t } from '../../../shared/i18n/catalogue';
import { formatAmman } from '../../../shared/time/ammanTime';
import { alertTitle } from '../store/alertAnnouncer';
import { useDeskStore } from '../store/deskStore';
import { OpenCaseButton } from './case/OpenCaseButton';

/** The live feed of referrals and breaches, newest first, with the unacknowledged count. */
export function AlertFeed() {
  const language = useDeskStore((s) => s.language);
  const alerts = useDeskStore((s) => s.alerts);
  const unacknowledged = useDeskStore((s) => s.unacknowledged);
  const muted = useDeskStore((s) => s.muted);
  const acknowledge = useDeskStore((s) => s.acknowledge);
  const toggleMute = () => {
    localStorage.setItem('alerts-muted', muted ? '0' : '1');
    useDeskStore.setState({ muted: !muted });
  };
  return (
    <Box
      component="aside"
      aria-label={t(language, 'alerts.title')}
      data-testid="alert-feed"
      sx={{
        width: 300,
        flexShrink: 0,
        borderInlineStart: 1,
        borderColor: 'divider',
        display: 'flex',
        flexDirection: 'column',
        bgcolor: 'background.paper',
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1 }}>
        <Badge badgeContent={unacknowledged} color="error" max={999} data-testid="alert-badge">
          <Typography component="h2" variant="h6">
            {t(language, 'alerts.title')}
          </Typography>
        </Badge>
        <Box sx={{ flex: 1 }} />
        <Button size="small" onClick={toggleMute} aria-pressed={muted} variant="text">
          {t(language, muted ? 'alerts.unmute' : 'alerts.mute')}
        </Button>
      </Box>
      <Typography variant="body2" sx={{ px: 2, color: 'text.secondary' }}>
        {t(language, 'alerts.unread', { count: unacknowledged })}
      </Typography>
      <List dense sx={{ overflow: 'auto', flex: 1 }}>
        {alerts.length === 0 && (
          <ListItem>
            <ListItemText primary={t(language, 'alerts.empty')} />
          </ListItem>
        )}
        {alerts.map((alert) => (
          // The button sits in the flow, not as MUI's absolutely placed secondary action, which overlaps
          // a long English title ("Acknowledge" is three times as wide as "إقرار").
          <ListItem
            key={alert.id}
            data-testid="alert"
            divider
            sx={{ gap: 1, alignItems: 'center', bgcolor: alert.acknowledgedBy ? undefined : '#fdf1f1' }}
          >
            <ListItemText
              sx={{ minWidth: 0 }}
              primary={alertTitle(alert, language)}
              secondary={
                formatAmman(alert.raisedAt, language) +
                (alert.acknowledgedBy
                  ? ` · ${t(language, 'alerts.acknowledgedBy', { user: alert.acknowledgedBy.split(':').at(-1) ?? '' })}`
                  : '') +
                (alert.pendingAck ? ` · ${t(language, 'queue.pendingMark')}` : '')
              }
            />
            {alert.caseId && (
              <OpenCaseButton caseId={alert.caseId} number={alert.caseNumber ?? ''} language={language} />
            )}
            {!alert.acknowledgedBy && !alert.pendingAck && (
              <Button
                size="small"
                sx={{ flexShrink: 0 }}
                // Starts with the visible word (speech users say what they see), then tells the list's buttons apart.
                aria-label={`${t(language, 'alerts.acknowledge')} ${alert.caseNumber ?? ''}`.trim()}
                onClick={() => void acknowledge(alert.id)}
              >
                {t(language, 'alerts.acknowledge')}
              </Button>
            )}
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
