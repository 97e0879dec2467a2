import { useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { t } from '../../../shared/i18n/catalogue';
import { getDeskBridge } from '../bridge/deskBridge';
import { useDeskStore } from '../store/deskStore';

/** Shown when the hub refuses the desk: the password goes to the core, which keeps only the session. */
export function SignInDialog() {
  const language = useDeskStore((s) => s.language);
  const open = useDeskStore((s) => Boolean(s.sync?.signInNeeded && !s.session?.signedIn));
  const problem = useDeskStore((s) => s.session?.problem ?? null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const session = await getDeskBridge().call('session.signIn', { username, password });
      useDeskStore.setState({ session });
    } finally {
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} aria-labelledby="sign-in-title">
      <form onSubmit={(e) => void submit(e)} data-testid="sign-in">
        <DialogTitle id="sign-in-title">{t(language, 'session.signInTitle')}</DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 320 }}>
          <Typography variant="body2">{t(language, 'session.signInHint')}</Typography>
          <TextField
            label={t(language, 'session.username')}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoFocus
            required
          />
          <TextField
            label={t(language, 'session.password')}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          {problem && (
            <Typography color="error" role="alert">
              {problem}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button type="submit" variant="contained" disabled={busy}>
            {t(language, 'session.signIn')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
