import { useEffect, useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import TextField from '@mui/material/TextField';
import type { QueueFilters } from '../../../shared/contract/deskContract';
import { hasClock, SlaState } from '../../../shared/contract/clockFilters';
import { label, t, type MessageKey } from '../../../shared/i18n/catalogue';
import {
  APPLICATION_TYPES,
  CASE_STATUSES,
  CHANNELS,
  ESCALATION_LEVELS,
  IMPORTANCE_LEVELS,
  PILLARS,
  SECTORS,
} from '../../../shared/domain/taxonomy';
import { getDeskBridge } from '../bridge/deskBridge';
import { useDeskStore } from '../store/deskStore';

const FIELDS = [
  { key: 'status', vocabulary: 'status', values: CASE_STATUSES, title: 'filter.status' },
  { key: 'type', vocabulary: 'type', values: APPLICATION_TYPES, title: 'filter.type' },
  { key: 'escalationLevel', vocabulary: 'escalation', values: ESCALATION_LEVELS, title: 'filter.escalationLevel' },
  { key: 'importance', vocabulary: 'importance', values: IMPORTANCE_LEVELS, title: 'filter.importance' },
  { key: 'sector', vocabulary: 'sector', values: SECTORS, title: 'views.filter.sector' },
  { key: 'channel', vocabulary: 'channel', values: CHANNELS, title: 'views.filter.channel' },
  { key: 'pillar', vocabulary: 'pillar', values: PILLARS, title: 'views.filter.pillar' },
] as const;

type Named = { id: string; nameAr: string; nameEn: string };

/** Multiple choice from a list of values, each shown by its label. */
function ChoiceFilter({
  id,
  title,
  values,
  chosen,
  labelOf,
  onChange,
}: {
  id: string;
  title: string;
  values: readonly string[];
  chosen: string[];
  labelOf: (value: string) => string;
  onChange: (chosen: string[]) => void;
}) {
  return (
    <FormControl size="small" sx={{ minWidth: 140 }}>
      <InputLabel id={`filter-${id}`}>{title}</InputLabel>
      <Select
        multiple
        labelId={`filter-${id}`}
        label={title}
        data-testid={`filter-${id}`}
        value={chosen}
        renderValue={(picked) => picked.map(labelOf).join('، ')}
        onChange={(event) =>
          onChange(typeof event.target.value === 'string' ? event.target.value.split(',') : event.target.value)
        }
      >
        {values.map((value) => (
          <MenuItem key={value} value={value}>
            {labelOf(value)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Many values (106 entities, about 220 focal points): typed to narrow, chosen by name. */
function NamedFilter({
  id,
  title,
  options,
  chosen,
  onChange,
}: {
  id: string;
  title: string;
  options: Named[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  const language = useDeskStore((s) => s.language);
  const byId = new Map(options.map((o) => [o.id, o]));
  const name = (value: string) => {
    const option = byId.get(value);
    return option ? (language === 'ar' ? option.nameAr : option.nameEn) : value;
  };
  return (
    <Autocomplete
      multiple
      size="small"
      limitTags={1}
      options={options.map((o) => o.id)}
      value={chosen}
      onChange={(_event, value) => onChange(value)}
      getOptionLabel={name}
      sx={{ minWidth: 200, maxWidth: 320 }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={title}
          slotProps={{
            ...params.slotProps,
            htmlInput: { ...params.slotProps.htmlInput, 'data-testid': `filter-${id}` },
          }}
        />
      )}
    />
  );
}

/** Narrow the queue: each filter keeps cases with any of the chosen values; filters combine. */
export function QueueFilterBar() {
  const language = useDeskStore((s) => s.language);
  const filters = useDeskStore((s) => s.filters);
  const setFilters = useDeskStore((s) => s.setFilters);
  const clock = useDeskStore((s) => s.clock);
  const setClock = useDeskStore((s) => s.setClock);
  const [entities, setEntities] = useState<Named[]>([]);
  const [focalPoints, setFocalPoints] = useState<Named[]>([]);
  useEffect(() => {
    const bridge = getDeskBridge();
    void bridge.call('entities.list', {}).then(setEntities, () => undefined);
    void bridge.call('focalPoints.list', {}).then(setFocalPoints, () => undefined);
  }, []);
  const openOnly = useDeskStore((s) => s.openOnly);
  const applyQuery = useDeskStore((s) => s.applyQuery);
  // A view may also have set open-only or a clock filter the bar does not show ("stalled"): clearing clears those too.
  const active = Object.values(filters).some((v) => v?.length) || hasClock(clock) || openOnly;
  const set = (key: keyof QueueFilters) => (chosen: string[]) =>
    setFilters({ ...filters, [key]: chosen } as QueueFilters);
  return (
    <Box sx={{ display: 'flex', gap: 1, px: 2, pb: 1, flexWrap: 'wrap', alignItems: 'center' }}>
      {FIELDS.map(({ key, vocabulary, values, title }) => (
        <ChoiceFilter
          key={key}
          id={key}
          title={t(language, title)}
          values={values}
          chosen={(filters[key] as string[] | undefined) ?? []}
          labelOf={(value) => label(language, vocabulary, value)}
          onChange={set(key)}
        />
      ))}
      <ChoiceFilter
        id="slaState"
        title={t(language, 'views.filter.slaState')}
        values={SlaState.options}
        chosen={clock.slaState ?? []}
        labelOf={(value) => t(language, `sla.${value}` as MessageKey)}
        onChange={(chosen) => setClock({ ...clock, slaState: chosen as SlaState[] })}
      />
      <NamedFilter
        id="entityId"
        title={t(language, 'views.filter.entityId')}
        options={entities}
        chosen={filters.entityId ?? []}
        onChange={set('entityId')}
      />
      <NamedFilter
        id="focalPointId"
        title={t(language, 'views.filter.focalPointId')}
        options={focalPoints}
        chosen={filters.focalPointId ?? []}
        onChange={set('focalPointId')}
      />
      {active && (
        <Button
          size="small"
          onClick={() => {
            const { sort, search } = useDeskStore.getState();
            applyQuery({ sort, search, filters: {}, openOnly: false, clock: {} });
          }}
        >
          {t(language, 'filter.clear')}
        </Button>
      )}
    </Box>
  );
}
