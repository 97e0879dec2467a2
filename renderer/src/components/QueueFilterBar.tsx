import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import type { QueueFilters } from '../../../shared/contract/deskContract';
import { label, t } from '../../../shared/i18n/catalogue';
import {
  APPLICATION_TYPES,
  CASE_STATUSES,
  ESCALATION_LEVELS,
  IMPORTANCE_LEVELS,
} from '../../../shared/domain/taxonomy';
import { useDeskStore } from '../store/deskStore';

const FIELDS = [
  { key: 'status', vocabulary: 'status', values: CASE_STATUSES },
  { key: 'type', vocabulary: 'type', values: APPLICATION_TYPES },
  { key: 'escalationLevel', vocabulary: 'escalation', values: ESCALATION_LEVELS },
  { key: 'importance', vocabulary: 'importance', values: IMPORTANCE_LEVELS },
] as const;

/** Narrow the queue: each filter keeps cases with any of the chosen values; filters combine. */
export function QueueFilterBar() {
  const language = useDeskStore((s) => s.language);
  const filters = useDeskStore((s) => s.filters);
  const setFilters = useDeskStore((s) => s.setFilters);
  const active = Object.values(filters).some((v) => v?.length);
  return (
    <Box sx={{ display: 'flex', gap: 1, px: 2, pb: 1, flexWrap: 'wrap', alignItems: 'center' }}>
      {FIELDS.map(({ key, vocabulary, values }) => (
        <FormControl key={key} size="small" sx={{ minWidth: 160 }}>
          <InputLabel id={`filter-${key}`}>{t(language, `filter.${key}`)}</InputLabel>
          <Select
            multiple
            labelId={`filter-${key}`}
            label={t(language, `filter.${key}`)}
            data-testid={`filter-${key}`}
            value={(filters[key] as string[] | undefined) ?? []}
            renderValue={(chosen) => chosen.map((v) => label(language, vocabulary, v)).join('، ')}
            onChange={(event) => {
              const chosen =
                typeof event.target.value === 'string' ? event.target.value.split(',') : event.target.value;
              setFilters({ ...filters, [key]: chosen } as QueueFilters);
            }}
          >
            {values.map((value) => (
              <MenuItem key={value} value={value}>
                {label(language, vocabulary, value)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      ))}
      {active && (
        <Button size="small" onClick={() => setFilters({})}>
          {t(language, 'filter.clear')}
        </Button>
      )}
    </Box>
  );
}
