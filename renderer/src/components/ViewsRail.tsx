import { useEffect, useState, type FormEvent } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { DeskView, Language } from '../../../shared/contract/deskContract';
import { t } from '../../../shared/i18n/catalogue';
import { getDeskBridge } from '../bridge/deskBridge';
import { useDeskStore } from '../store/deskStore';
import { connectViews, useActiveView, useViewsStore } from '../store/viewsStore';

const viewName = (view: DeskView, language: Language) =>
  view.kind === 'saved' ? view.name : t(language, `views.builtin.${view.kind}`);

/**
 * The operator's views above the queue: built-in ones and their own, each
 * with its live count. Tabs walk with the arrow keys; choosing one sets the
 * queue's sort, search and filters at once.
 */
export function ViewsRail() {
  const language = useDeskStore((s) => s.language);
  const signedIn = useDeskStore((s) => !!s.session?.user);
  const views = useViewsStore((s) => s.views);
  const followed = useViewsStore((s) => s.followedEntities);
  const problem = useViewsStore((s) => s.problem);
  const apply = useViewsStore((s) => s.apply);
  const remove = useViewsStore((s) => s.remove);
  const active = useActiveView();
  const [saving, setSaving] = useState(false);
  const [picking, setPicking] = useState(false);
  useEffect(() => {
    connectViews();
    useViewsStore.getState().refresh();
  }, []);

  const choose = (view: DeskView) => {
    // "My entities" with none followed: ask which, rather than show an empty queue.
    if (view.kind === 'myEntities' && followed.length === 0) setPicking(true);
    else apply(view);
  };

  return (
    <Box
      component="nav"
      aria-label={t(language, 'views.label')}
      data-testid="views-rail"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, flexWrap: 'wrap', minWidth: 0 }}
    >
      <Tabs
        value={active?.id ?? false}
        onChange={(_event, id: string) => {
          const view = views.find((v) => v.id === id);
          if (view) choose(view);
        }}
        variant="scrollable"
        scrollButtons="auto"
        aria-label={t(language, 'views.label')}
        sx={{ minHeight: 36, flex: '1 1 auto', minWidth: 0 }}
      >
        {views.map((view) => (
          <Tab
            key={view.id}
            value={view.id}
            data-testid={`view-${view.kind}`}
            data-view-id={view.id}
            data-count={view.count}
            onClick={() => view.id === active?.id && choose(view)}
            label={
              <span>
                {viewName(view, language)}{' '}
                <Box component="span" data-testid="view-count" sx={{ fontWeight: 700 }}>
                  {t(language, 'views.count', { count: view.count })}
                </Box>
              </span>
            }
            sx={{ minHeight: 36, py: 0.5, textTransform: 'none' }}
          />
        ))}
      </Tabs>
      <Button size="small" data-testid="views-follow" onClick={() => setPicking(true)} disabled={!signedIn}>
        {t(language, 'views.pickEntities')}
      </Button>
      <Button size="small" data-testid="views-save" onClick={() => setSaving(true)} disabled={!signedIn}>
        {t(language, 'views.saveCurrent')}
      </Button>
      {active?.kind === 'saved' && (
        <Button
          size="small"
          color="error"
          data-testid="views-delete"
          onClick={() => void remove(active.id)}
          aria-label={t(language, 'views.deleteNamed', { name: active.name })}
        >
          {t(language, 'views.delete')}
        </Button>
      )}
      {problem && (
        <Typography role="alert" variant="body2" color="error">
          {problem}
        </Typography>
      )}
      {saving && <SaveViewDialog onClose={() => setSaving(false)} />}
      {picking && <FollowEntitiesDialog onClose={() => setPicking(false)} />}
    </Box>
  );
}

function SaveViewDialog({ onClose }: { onClose: () => void }) {
  const language = useDeskStore((s) => s.language);
  const saveCurrent = useViewsStore((s) => s.saveCurrent);
  const [name, setName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await saveCurrent(name.trim());
    onClose();
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="save-view-title">
      <form onSubmit={(e) => void submit(e)} data-testid="save-view-dialog">
        <DialogTitle id="save-view-title">{t(language, 'views.saveTitle')}</DialogTitle>
        <DialogContent sx={{ minWidth: 380, pt: 1 }}>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {t(language, 'views.saveHint')}
          </Typography>
          <TextField
            autoFocus
            required
            fullWidth
            label={t(language, 'views.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 80 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t(language, 'reassign.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!name.trim()}>
            {t(language, 'views.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

type EntityOption = { id: string; nameAr: string; nameEn: string };

/** The entities "my entities" shows: the operator picks them, and the desk keeps the choice for them. */
function FollowEntitiesDialog({ onClose }: { onClose: () => void }) {
  const language = useDeskStore((s) => s.language);
  const followed = useViewsStore((s) => s.followedEntities);
  const follow = useViewsStore((s) => s.follow);
  const [entities, setEntities] = useState<EntityOption[]>([]);
  const [chosen, setChosen] = useState<string[]>(followed);
  useEffect(() => {
    void getDeskBridge()
      .call('entities.list', {})
      .then(setEntities)
      .catch(() => undefined);
  }, []);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const name = (id: string) => {
    const entity = byId.get(id);
    return entity ? (language === 'ar' ? entity.nameAr : entity.nameEn) : id;
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await follow(chosen);
    const mine = useViewsStore.getState().views.find((v) => v.kind === 'myEntities');
    if (mine && chosen.length)
      useViewsStore
        .getState()
        .apply({ ...mine, query: { ...mine.query, filters: { ...mine.query.filters, entityId: chosen } } });
    onClose();
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="follow-title">
      <form onSubmit={(e) => void submit(e)} data-testid="follow-dialog">
        <DialogTitle id="follow-title">{t(language, 'views.pickTitle')}</DialogTitle>
        <DialogContent sx={{ minWidth: 460, pt: 1 }}>
          <Autocomplete
            multiple
            options={entities.map((e) => e.id)}
            value={chosen}
            onChange={(_e, value) => setChosen(value)}
            getOptionLabel={name}
            renderInput={(params) => (
              <TextField {...params} autoFocus label={t(language, 'views.entities')} sx={{ mt: 1 }} />
            )}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t(language, 'reassign.cancel')}</Button>
          <Button type="submit" variant="contained" data-testid="follow-save">
            {t(language, 'views.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
