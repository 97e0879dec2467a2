import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { t } from '../../../shared/i18n/catalogue';
import { formatAmman, formatSpan } from '../../../shared/time/ammanTime';
import { useDeskStore } from '../store/deskStore';

const CONNECTION_COLOR = { online: 'success', offline: 'error', connecting: 'warning' } as const;

/** Always on screen: is the desk connected, how much it holds, how fresh it is. */
export function SyncStatusBar() {
  const language = useDeskStore((s) => s.language);
  const sync = useDeskStore((s) => s.sync);
  const coreLink = useDeskStore((s) => s.coreLink);
  // While the link to the core is down, what it last said about the hub is stale: the desk is offline.
  const connection =
    coreLink === 'lost' ? 'offline' : coreLink === 'up' ? (sync?.connection ?? 'connecting') : 'connecting';
  // A sync problem first; else why the hub's newest SLA rules were not taken (the held ones still count).
  const problem =
    coreLink === 'lost' ? t(language, 'sync.coreLost') : (sync?.problem ?? sync?.slaRules.problem ?? null);
  const bootstrap = sync?.bootstrap;
  const searchIndex = coreLink === 'up' ? sync?.searchIndex : null;
  const searchPercent = searchIndex?.total ? Math.floor((100 * searchIndex.indexed) / searchIndex.total) : 0;
  const outbox = useDeskStore((s) => s.outbox);
  return (
    <Box
      component="section"
      aria-label={t(language, 'sync.statusLabel')}
      data-testid="sync-status"
      data-connection={connection}
      sx={{ px: 2, py: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
    >
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        {/* Only the connection and phase are announced: the counters change too often to be read out. */}
        <Box role="status" sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
          <Chip size="small" color={CONNECTION_COLOR[connection]} label={t(language, `sync.${connection}`)} />
          {sync && coreLink === 'up' && (
            <Typography variant="body2">{t(language, `sync.phase.${sync.phase}`)}</Typography>
          )}
        </Box>
        <Typography variant="body2" data-testid="sync-cases-held">
          {t(language, 'sync.casesHeld', { count: sync?.casesHeld ?? 0 })}
        </Typography>
        <Typography variant="body2">{t(language, 'sync.lastApplied', { seq: sync?.lastAppliedSeq ?? 0 })}</Typography>
        <Typography variant="body2">
          {t(language, 'sync.lastContact', {
            time: sync?.lastContactAt ? formatAmman(sync.lastContactAt, language) : t(language, 'sync.never'),
          })}
        </Typography>
        {sync && coreLink === 'up' && (
          <Typography
            variant="body2"
            data-testid="sync-integrity"
            data-state={sync.integrity.state}
            color={sync.integrity.state === 'failed' ? 'error' : undefined}
          >
            {t(language, `sync.integrity.${sync.integrity.state}`, { seq: sync.integrity.atSeq ?? 0 })}
          </Typography>
        )}
        {outbox.queued > 0 && (
          <Chip
            size="small"
            color="warning"
            variant="outlined"
            data-testid="outbox-pending"
            label={t(language, 'outbox.pending', { count: outbox.queued })}
          />
        )}
        {outbox.refused > 0 && (
          <Chip
            size="small"
            color="error"
            variant="outlined"
            label={t(language, 'outbox.refused', { count: outbox.refused })}
          />
        )}
        {problem && (
          <Typography variant="body2" color="error" role="alert" data-testid="sync-problem">
            {problem}
          </Typography>
        )}
      </Box>
      {bootstrap && (
        <Box sx={{ mt: 1 }}>
          <LinearProgress
            variant="determinate"
            value={bootstrap.total ? (100 * bootstrap.held) / bootstrap.total : 0}
            aria-label={t(language, 'sync.phase.bootstrapping')}
          />
          <Typography variant="caption">
            {t(language, 'sync.progress', {
              held: bootstrap.held,
              total: bootstrap.total,
              rate: Math.round(bootstrap.rowsPerSecond),
              left: bootstrap.secondsLeft === null ? '…' : formatSpan(bootstrap.secondsLeft * 1000, language),
            })}
          </Typography>
        </Box>
      )}
      {!bootstrap && searchIndex && (
        <Box sx={{ mt: 1 }} data-testid="search-index-progress">
          <LinearProgress
            variant="determinate"
            value={searchPercent}
            aria-label={t(language, 'sync.searchIndex', { percent: searchPercent })}
          />
          <Typography variant="caption">{t(language, 'sync.searchIndex', { percent: searchPercent })}</Typography>
        </Box>
      )}
    </Box>
  );
}
