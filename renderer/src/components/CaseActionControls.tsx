import { useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { CaseDetail } from '../../../shared/contract/caseDetailContract';
import type { Language, OutboxEntryView, QueueRow } from '../../../shared/contract/deskContract';
import { t } from '../../../shared/i18n/catalogue';
import { useDeskStore } from '../store/deskStore';
import { chaseOffered, claimOffer, reassignOffered } from './caseOffers';
import { ChaseDialog } from './ChaseDialog';
import { ReassignDialog } from './ReassignDialog';

/**
 * What the claim, chase and reassign controls need to know of a case: a queue
 * row has it all, and the case view builds it from the case it shows
 * (`actionTargetOfDetail`), so both act through the same store actions and dialogs.
 */
export type CaseActionTarget = Pick<
  QueueRow,
  'id' | 'number' | 'status' | 'version' | 'entityId' | 'claimedBy' | 'focalPointNameAr' | 'sla' | 'pendingCommands'
>;

/**
 * Where the controls sit: `row` is the queue's compact actions column; `panel`
 * is the case view's action bar (outlined buttons, their own test ids, and no
 * "X is on it" text, which the case summary already says).
 */
export type ActionLook = 'row' | 'panel';

/** What each control takes: the case, the language, where it sits, and who hears of a command it queued. */
interface CaseControlProps {
  target: CaseActionTarget;
  language: Language;
  look?: ActionLook;
  onQueued?: (entry: OutboxEntryView) => void;
}

const testId = (look: ActionLook, name: string) => (look === 'panel' ? `case-${name}` : name);
const buttonSx = (look: ActionLook) =>
  look === 'row' ? ({ p: 0, minWidth: 0, fontSize: 12 } as const) : ({ whiteSpace: 'nowrap' } as const);

/** The case view's case, in the shape the controls take: its resolution clock and this desk's unanswered commands. */
export function actionTargetOfDetail(detail: CaseDetail): CaseActionTarget {
  const c = detail.case;
  const resolution = detail.timers.find((timer) => timer.kind === 'resolution');
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    version: c.version,
    entityId: c.entityId,
    claimedBy: c.claimedBy,
    focalPointNameAr: c.focalPointNameAr,
    sla: resolution ? { state: resolution.state, workingMinutesLeft: resolution.workingMinutesLeft } : null,
    pendingCommands: detail.pending.map((entry) => entry.command),
  };
}

/** Supervisors (and administrators) may reassign: the hub checks the role again, this keeps the control off other desks. */
export function useMayReassign(): boolean {
  const role = useDeskStore((s) => s.session?.user?.role ?? null);
  return role === 'supervisor' || role === 'administrator';
}

/** Who holds the claim: the user of a "role:user" claim, or null. */
const holderOf = (target: CaseActionTarget) => target.claimedBy?.split(':').at(-1) ?? null;

/** Whether the case view's action bar has anything to offer (a closed case has nothing): an empty bar is not shown. */
export function useAnyPanelAction(target: CaseActionTarget): boolean {
  const me = useDeskStore((s) => s.session?.user?.userId ?? null);
  const mayReassign = useMayReassign();
  const claim = claimOffer(target.status, holderOf(target), me);
  return (
    claim === 'claim' ||
    claim === 'release' ||
    chaseOffered(target.status, target.focalPointNameAr) ||
    (mayReassign && reassignOffered(target.status))
  );
}

/** "I'm on it": one desk claims a case and every other desk sees who, so two people never chase the same case. */
export function ClaimControl({ target, language, look = 'row', onQueued }: CaseControlProps) {
  const me = useDeskStore((s) => s.session?.user?.userId ?? null);
  const claim = useDeskStore((s) => s.claim);
  const holder = holderOf(target);
  // Waiting in the outbox: the button stays off until the hub has answered, as in the queue.
  const pending = target.pendingCommands.includes('claimCase');
  const offer = claimOffer(target.status, holder, me);
  if (offer === null) return null;
  if (offer === 'heldBy') {
    if (look === 'panel') return null;
    return (
      <Box component="span" data-testid="claimed-by" sx={{ display: 'block', fontSize: 12, color: 'text.secondary' }}>
        {t(language, 'queue.claimedBy', { user: holder ?? '' })}
      </Box>
    );
  }
  return (
    <Button
      size="small"
      variant={look === 'row' ? 'text' : 'outlined'}
      data-testid={testId(look, 'claim')}
      data-pending={pending ? 'true' : 'false'}
      // In the queue the button goes off; in the case view it keeps the keyboard (a disabled button drops focus).
      disabled={pending && look === 'row'}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        event.stopPropagation();
        if (pending) return;
        void claim(target.id, !holder).then(onQueued);
      }}
      sx={buttonSx(look)}
    >
      {t(language, offer === 'release' ? 'queue.release' : 'queue.claim')}
      {/* The case view says why the button does nothing yet; the queue says it beside the status. */}
      {pending && look === 'panel' && ` · ${t(language, 'queue.pendingMark')}`}
    </Button>
  );
}

/** Any operation-room desk may chase the focal point of an open, assigned case. */
export function ChaseControl({ target, language, look = 'row', onQueued }: CaseControlProps) {
  if (!chaseOffered(target.status, target.focalPointNameAr)) return null;
  return (
    <DialogActionButton
      look={look}
      action="chase"
      label={t(language, 'chase.open')}
      dialog={(close) => <ChaseDialog row={target} onClose={close} onQueued={onQueued} />}
    />
  );
}

/**
 * Supervisors only: one case to another entity, through the same dialog as the
 * queue, carrying the version on screen (a change made meanwhile is refused and
 * shown with the outbox's conflict actions).
 */
export function ReassignControl({ target, language, look = 'row', onQueued }: CaseControlProps) {
  const mayReassign = useMayReassign();
  if (!mayReassign || !reassignOffered(target.status)) return null;
  return (
    <DialogActionButton
      look={look}
      action="reassign"
      label={t(language, 'reassign.open')}
      dialog={(close) => <ReassignDialog rows={[target]} onClose={close} onQueued={onQueued} />}
    />
  );
}

/** A control's button and the dialog it opens, mounted only while open (a click on a row's button is the button's alone). */
function DialogActionButton({
  look,
  action,
  label,
  dialog,
}: {
  look: ActionLook;
  action: 'chase' | 'reassign';
  label: string;
  dialog: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        variant={look === 'row' ? 'text' : 'outlined'}
        data-testid={testId(look, action)}
        aria-haspopup="dialog"
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
        sx={{ ...buttonSx(look), ...(look === 'row' ? { mx: 0.5 } : {}) }}
      >
        {label}
      </Button>
      {open && dialog(() => setOpen(false))}
    </>
  );
}
