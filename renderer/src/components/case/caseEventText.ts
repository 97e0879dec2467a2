import type { Language } from '../../../../shared/contract/deskContract';
import type { CaseHistory } from '../../../../shared/domain/caseHistory';
import { CHASE_CHANNELS, type ChaseChannel } from '../../../../shared/domain/commands';
import { label, t } from '../../../../shared/i18n/catalogue';
import { CHASE_TEMPLATES, type ChaseTemplate } from '../../../../shared/i18n/chaseTemplates';
import { formatAmman } from '../../../../shared/time/ammanTime';

type CaseEvent = CaseHistory['events'][number];
/** Entity names by id, to name where a case was reassigned or referred. */
export type EntityNames = ReadonlyMap<string, { nameAr: string; nameEn: string }>;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** Who did it, in words: the SLA clock, the applicant, a channel, or the person's user name. */
export function actorText(actor: string, language: Language): string {
  if (actor === 'sla') return t(language, 'case.actor.sla');
  if (actor === 'citizen') return t(language, 'case.actor.citizen');
  const [role, user] = actor.includes(':')
    ? [actor.slice(0, actor.indexOf(':')), actor.split(':').at(-1)!]
    : ['', actor];
  if (role === 'channel') return label(language, 'channel', user);
  if (role === 'focalPoint') return t(language, 'case.actor.focalPoint', { user });
  return user;
}

/** A chase channel's name (notice, SMS, e-mail, phone call); the raw value if a newer hub sent another. */
export function chaseChannelText(channel: unknown, language: Language): string {
  return (CHASE_CHANNELS as readonly unknown[]).includes(channel)
    ? t(language, `chase.channel.${channel as ChaseChannel}`)
    : String(channel);
}

/** A chase template's name; the raw value for a template this console does not know. */
export function chaseTemplateText(template: string, language: Language): string {
  return Object.hasOwn(CHASE_TEMPLATES, template)
    ? t(language, `chase.template.${template as ChaseTemplate}`)
    : template;
}

function entityName(id: unknown, entities: EntityNames, language: Language): string {
  if (typeof id !== 'string') return '—';
  const entity = entities.get(id);
  return entity ? (language === 'ar' ? entity.nameAr : entity.nameEn) : id;
}

/** A timeline event in the operator's words: what happened, and any detail it carried (an answer, a reason). */
export function eventText(
  event: CaseEvent,
  language: Language,
  entities: EntityNames,
): { what: string; detail: string | null } {
  const data = event.data;
  const reason = text(data.reason);
  const withReason = reason ? t(language, 'case.event.detail.reason', { text: reason }) : null;
  if (event.kind.startsWith('status:')) {
    const status = event.kind.slice('status:'.length);
    const what = t(language, 'case.event.status', { status: label(language, 'status', status) });
    const answer = text(data.answer);
    const question = text(data.question);
    if (answer) return { what, detail: t(language, 'case.event.detail.answer', { text: answer }) };
    if (question) return { what, detail: t(language, 'case.event.detail.question', { text: question }) };
    if (status === 'referred' && typeof data.toEntityId === 'string') {
      const to = t(language, 'case.event.referredTo', { entity: entityName(data.toEntityId, entities, language) });
      return { what: `${what} · ${to}`, detail: withReason };
    }
    return { what, detail: withReason };
  }
  switch (event.kind) {
    case 'submitted':
      return {
        what: t(language, 'case.event.submitted', { channel: actorText(event.actor, language) }),
        detail: null,
      };
    case 'referredUp':
      return {
        what: t(language, 'case.event.referredUp', {
          from: label(language, 'escalation', String(data.from ?? '')),
          to: label(language, 'escalation', String(data.to ?? '')),
        }),
        detail: null,
      };
    case 'deadlineChanged': {
      const to = typeof data.to === 'string' ? formatAmman(data.to, language) : '—';
      const what =
        typeof data.from === 'string'
          ? t(language, 'case.event.deadlineChanged', { from: formatAmman(data.from, language), to })
          : t(language, 'case.event.deadlineSet', { to });
      return { what, detail: withReason };
    }
    case 'reassigned': {
      const from = (data.from ?? {}) as { entityId?: unknown };
      const to = (data.to ?? {}) as { entityId?: unknown };
      return {
        what: t(language, 'case.event.reassigned', {
          from: entityName(from.entityId, entities, language),
          to: entityName(to.entityId, entities, language),
        }),
        detail: withReason,
      };
    }
    case 'chased':
      return {
        what: t(language, 'case.event.chased', {
          channel: chaseChannelText(data.channel, language),
        }),
        detail: null,
      };
    case 'chaseAnswered':
    case 'note':
    case 'claimed':
    case 'released':
      return { what: t(language, `case.event.${event.kind}`), detail: null };
    case 'rated':
      return { what: t(language, 'case.event.rated', { rating: String(data.rating ?? '—') }), detail: null };
    default:
      return { what: t(language, 'case.event.other', { kind: event.kind }), detail: withReason };
  }
}
