import { useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CaseDetail } from '../../../../shared/contract/caseDetailContract';
import type { Language } from '../../../../shared/contract/deskContract';
import { t, type MessageKey } from '../../../../shared/i18n/catalogue';
import { formatAmman } from '../../../../shared/time/ammanTime';
import type { PendingNote } from '../../store/caseViewStore';
import { actorText, chaseChannelText, chaseTemplateText, eventText, type EntityNames } from './caseEventText';

const sectionTitle = { fontWeight: 700, mb: 1 } as const;
const listSx = { listStyle: 'none', p: 0, m: 0 } as const;
const itemSx = { py: 0.75, borderBottom: 1, borderColor: 'divider' } as const;

/** Offline, or refused by the hub: the last history this desk saw, said plainly to be possibly old. */
export function HistoryNotice({ detail, language }: { detail: CaseDetail; language: Language }) {
  if (!detail.historyProblem) return null;
  return (
    <Alert severity="warning" data-testid="case-history-stale" sx={{ mb: 1 }}>
      {detail.historyFetchedAt
        ? t(language, 'case.history.stale', { time: formatAmman(detail.historyFetchedAt, language) })
        : t(language, 'case.history.none')}
    </Alert>
  );
}

const COMMAND_KEYS: Record<string, MessageKey> = {
  addNote: 'case.command.addNote',
  claimCase: 'case.command.claimCase',
  chaseFocalPoint: 'case.command.chaseFocalPoint',
  reassignCase: 'case.command.reassignCase',
  acknowledgeAlert: 'case.command.acknowledgeAlert',
};

/** This desk's commands on the case the hub has not answered: they are not part of the hub's record yet. */
export function PendingCommands({ detail, language }: { detail: CaseDetail; language: Language }) {
  if (detail.pending.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="case-pending-title" data-testid="case-pending" sx={{ mb: 2 }}>
      <Typography id="case-pending-title" component="h3" variant="subtitle1" sx={sectionTitle}>
        {t(language, 'case.pendingCommands')}
      </Typography>
      <Box component="ul" sx={{ ...listSx, display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        {detail.pending.map((entry) => (
          <Box
            component="li"
            key={entry.clientId}
            data-testid="case-pending-command"
            data-state={entry.state}
            sx={{
              px: 1,
              borderRadius: 1,
              border: 1,
              borderColor: entry.state === 'refused' ? 'error.main' : 'warning.main',
              color: entry.state === 'refused' ? 'error.main' : 'warning.dark',
              fontSize: 13,
            }}
          >
            {COMMAND_KEYS[entry.command] ? t(language, COMMAND_KEYS[entry.command]!) : entry.command} ·{' '}
            {t(language, entry.state === 'refused' ? 'case.refused' : 'queue.pendingMark')}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** What happened to the case, newest first, each in words with who did it and when (Amman time). */
export function CaseTimeline({
  detail,
  language,
  entities,
}: {
  detail: CaseDetail;
  language: Language;
  entities: EntityNames;
}) {
  const events = [...(detail.history?.events ?? [])].reverse();
  return (
    <Box component="section" aria-labelledby="case-timeline-title" data-testid="case-timeline">
      <Typography id="case-timeline-title" component="h3" variant="subtitle1" sx={sectionTitle}>
        {t(language, 'case.timeline')}
      </Typography>
      {events.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t(language, detail.history ? 'case.timeline.empty' : 'case.history.missing')}
        </Typography>
      ) : (
        <Box component="ol" sx={listSx}>
          {events.map((event, i) => {
            const { what, detail: more } = eventText(event, language, entities);
            return (
              <Box component="li" key={`${event.at}-${i}`} data-testid="case-event" data-kind={event.kind} sx={itemSx}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {what}
                </Typography>
                {more && (
                  <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {more}
                  </Typography>
                )}
                <Typography variant="caption" component="p" sx={{ color: 'text.secondary' }}>
                  {formatAmman(event.at, language)}
                  {/* A submission's actor is its channel, already named in the words above. */}
                  {event.kind !== 'submitted' &&
                    ` · ${t(language, 'case.by', { actor: actorText(event.actor, language) })}`}
                </Typography>
              </Box>
            );
          })}
        </Box>
      )}
    </Box>
  );
}

/** Every chase of the focal point: how, with which template, by whom and when, and whether it was answered. */
export function CaseChases({ detail, language }: { detail: CaseDetail; language: Language }) {
  const chases = [...(detail.history?.chases ?? [])].reverse();
  return (
    <Box component="section" aria-labelledby="case-chases-title" data-testid="case-chases">
      <Typography id="case-chases-title" component="h3" variant="subtitle1" sx={sectionTitle}>
        {t(language, 'case.chases')}
      </Typography>
      {chases.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t(language, detail.history ? 'case.chases.empty' : 'case.history.missing')}
        </Typography>
      ) : (
        <Box component="ul" sx={listSx}>
          {chases.map((chase) => (
            <Box
              component="li"
              key={chase.id}
              data-testid="case-chase"
              data-answered={chase.answeredAt ? 'true' : 'false'}
              sx={itemSx}
            >
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {chaseChannelText(chase.channel, language)} · {chaseTemplateText(chase.template, language)}
              </Typography>
              <Typography variant="caption" component="p" sx={{ color: 'text.secondary' }}>
                {t(language, 'case.chase.sent', {
                  user: actorText(chase.sentBy, language),
                  time: formatAmman(chase.sentAt, language),
                })}
              </Typography>
              {chase.answeredAt ? (
                <Typography variant="body2" sx={{ color: 'success.dark', overflowWrap: 'anywhere' }}>
                  {t(language, 'case.chase.answered', {
                    time: formatAmman(chase.answeredAt, language),
                    answer: chase.answer ?? '',
                  })}
                </Typography>
              ) : (
                <Typography variant="body2" sx={{ color: 'error.main', fontWeight: 600 }}>
                  {t(language, 'case.chase.unanswered')}
                </Typography>
              )}
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}

/** The operation room's notes, with this desk's unsent ones marked, and a form to add one through the outbox. */
export function CaseNotes({
  detail,
  pendingNotes,
  language,
  onAdd,
}: {
  detail: CaseDetail;
  pendingNotes: readonly PendingNote[];
  language: Language;
  onAdd: (body: string) => Promise<void>;
}) {
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const notes = [...(detail.history?.notes ?? [])].reverse();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setSending(true);
    setProblem(null);
    try {
      await onAdd(body.trim());
      setBody('');
      // The button disables itself once the field is empty: the keyboard stays in the field, not lost to the page.
      input.current?.focus();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Box component="section" aria-labelledby="case-notes-title" data-testid="case-notes">
      <Typography id="case-notes-title" component="h3" variant="subtitle1" sx={sectionTitle}>
        {t(language, 'case.notes')}
      </Typography>
      <Box component="form" onSubmit={(e) => void submit(e)} sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <TextField
          multiline
          minRows={2}
          size="small"
          label={t(language, 'case.note.label')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          inputRef={input}
          slotProps={{ htmlInput: { maxLength: 4000, 'data-testid': 'case-note-input' } }}
        />
        {problem && (
          <Typography role="alert" variant="body2" sx={{ color: 'error.main' }}>
            {problem}
          </Typography>
        )}
        <Box>
          <Button type="submit" variant="contained" size="small" disabled={sending || !body.trim()}>
            {t(language, 'case.note.submit')}
          </Button>
        </Box>
      </Box>
      <Box component="ul" sx={{ ...listSx, mt: 1 }} aria-live="polite">
        {pendingNotes.map((note) => (
          <Box component="li" key={note.clientId} data-testid="case-note" data-pending="true" sx={itemSx}>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {note.body}
            </Typography>
            <Typography
              variant="caption"
              component="p"
              sx={{ color: note.state === 'refused' ? 'error.main' : 'warning.dark', fontStyle: 'italic' }}
            >
              {formatAmman(note.queuedAt, language)} ·{' '}
              {t(language, note.state === 'refused' ? 'case.refused' : 'queue.pendingMark')}
            </Typography>
          </Box>
        ))}
        {notes.map((note) => (
          <Box component="li" key={note.id} data-testid="case-note" data-pending="false" sx={itemSx}>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {note.body}
            </Typography>
            <Typography variant="caption" component="p" sx={{ color: 'text.secondary' }}>
              {formatAmman(note.at, language)} · {actorText(note.author, language)}
            </Typography>
          </Box>
        ))}
        {notes.length === 0 && pendingNotes.length === 0 && (
          <Typography component="li" variant="body2" sx={{ color: 'text.secondary', py: 0.75 }}>
            {t(language, 'case.notes.empty')}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
