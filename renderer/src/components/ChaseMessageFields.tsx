import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { Language } from '../../../shared/contract/deskContract';
import { CHASE_CHANNELS, type ChaseChannel } from '../../../shared/domain/commands';
import { t, type MessageKey } from '../../../shared/i18n/catalogue';
import { CHASE_TEMPLATES, type ChaseTemplate } from '../../../shared/i18n/chaseTemplates';

export interface ChaseMessage {
  channel: ChaseChannel;
  template: ChaseTemplate;
  message: string;
}

/**
 * What a chase says and how it goes: a channel, a template in the operator's
 * language, and the message, editable. Choosing a template rewrites the
 * message with `textOf` (one case's number, or none for a bulk chase).
 */
export function ChaseMessageFields({
  language,
  value,
  onChange,
  textOf,
}: {
  language: Language;
  value: ChaseMessage;
  onChange: (next: ChaseMessage) => void;
  textOf: (template: ChaseTemplate) => string;
}) {
  return (
    <>
      <TextField
        select
        label={t(language, 'chase.channel')}
        value={value.channel}
        onChange={(e) => onChange({ ...value, channel: e.target.value as ChaseChannel })}
        sx={{ mt: 1 }}
      >
        {CHASE_CHANNELS.map((c) => (
          <MenuItem key={c} value={c}>
            {t(language, `chase.channel.${c}` as MessageKey)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t(language, 'chase.template')}
        value={value.template}
        onChange={(e) => {
          const template = e.target.value as ChaseTemplate;
          onChange({ ...value, template, message: textOf(template) });
        }}
      >
        {(Object.keys(CHASE_TEMPLATES) as ChaseTemplate[]).map((k) => (
          <MenuItem key={k} value={k}>
            {t(language, `chase.template.${k}` as MessageKey)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        required
        multiline
        minRows={3}
        label={t(language, 'chase.message')}
        value={value.message}
        onChange={(e) => onChange({ ...value, message: e.target.value })}
      />
    </>
  );
}
