import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DeskSettings } from '../../shared/contract/deskContract';

const DEFAULTS: DeskSettings = { language: 'ar' };

/**
 * The operator's preferences, as a small JSON file beside the replica. A file
 * that does not parse is kept aside (named .bad) and defaults are used, with
 * the reason reported, rather than failing to start.
 */
export class DeskSettingsFile {
  private value: DeskSettings;
  readonly problem: string | null = null;

  constructor(private readonly path: string) {
    this.value = DEFAULTS;
    if (!existsSync(path)) return;
    try {
      this.value = DeskSettings.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch (error) {
      renameSync(path, `${path}.bad`);
      this.problem = `Settings file ${path} was unreadable (${(error as Error).message.slice(0, 120)}); kept as .bad, defaults used.`;
    }
  }

  get current(): DeskSettings {
    return this.value;
  }

  update(patch: Partial<DeskSettings>): DeskSettings {
    this.value = DeskSettings.parse({ ...this.value, ...patch });
    mkdirSync(dirname(this.path), { recursive: true });
    // Write-then-rename so a crash never leaves half a file.
    writeFileSync(`${this.path}.tmp`, JSON.stringify(this.value, null, 2));
    renameSync(`${this.path}.tmp`, this.path);
    return this.value;
  }
}
