import { useEffect } from 'react';
import Avatar from '@mui/material/Avatar';
import AvatarGroup from '@mui/material/AvatarGroup';
import Tooltip from '@mui/material/Tooltip';
import { t } from '../../../../shared/i18n/catalogue';
import { useDeskStore } from '../../store/deskStore';
import { connectPresence, useCasePresence } from '../../store/presenceStore';

const initials = (userId: string) =>
  userId
    .split(/[\s._:-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('') || '?';

/** A stable colour per person, dark enough for white initials (WCAG AA). */
const PALETTE = ['#1b5e20', '#0d47a1', '#4a148c', '#b71c1c', '#004d40', '#3e2723', '#263238', '#880e4f'];
const colourOf = (userId: string) =>
  PALETTE[[...userId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % PALETTE.length];

/**
 * Who else is looking at a case now: small initials, named for screen readers.
 * Nothing when nobody is. For the queue row and the case view alike.
 */
export function PresenceBadge({ caseId, size = 20 }: { caseId: string; size?: number }) {
  const language = useDeskStore((s) => s.language);
  const viewers = useCasePresence(caseId);
  useEffect(connectPresence, []);
  if (viewers.length === 0) return null;
  const names = viewers.map((v) => v.userId).join('، ');
  return (
    <Tooltip title={t(language, 'presence.viewing', { users: names })}>
      <AvatarGroup
        max={3}
        data-testid="presence-badge"
        data-viewers={viewers.map((v) => v.userId).join(' ')}
        role="img"
        aria-label={t(language, 'presence.viewing', { users: names })}
        sx={{ display: 'inline-flex', '& .MuiAvatar-root': { width: size, height: size, fontSize: size * 0.45 } }}
      >
        {viewers.map((viewer) => (
          <Avatar key={viewer.userId} aria-hidden sx={{ bgcolor: colourOf(viewer.userId), color: '#fff' }}>
            {initials(viewer.userId)}
          </Avatar>
        ))}
      </AvatarGroup>
    </Tooltip>
  );
}
