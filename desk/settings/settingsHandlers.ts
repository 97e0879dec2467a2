import type { DeskHandlers } from '../deskHandlers';
import type { DeskSettingsFile } from './deskSettingsFile';

/** This desk's own settings (the language). */
export function settingsHandlers(
  settings: Pick<DeskSettingsFile, 'current' | 'update'>,
): DeskHandlers<'settings.get' | 'settings.setLanguage'> {
  return {
    'settings.get': async () => settings.current,
    'settings.setLanguage': async ({ language }) => settings.update({ language }),
  };
}
